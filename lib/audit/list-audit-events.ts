import "server-only";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertTeamScope, type TeamReader } from "@/lib/auth/team-actor";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/validation/parse";

export type AuditEventDTO = {
  id: string;
  /** ISO timestamp. */
  createdAt: string;
  action: string;
  actor: { id: string | null; label: string } | null;
  target: { type: string; id: string | null; label: string | null } | null;
  data: unknown;
};

export type AuditPage = { events: AuditEventDTO[]; total: number; page: number; pageSize: number; pageCount: number };

export const auditQuerySchema = z.object({
  action: z
    .string()
    .trim()
    .max(64)
    .regex(/^[a-z_.]*$/, "Unknown action.")
    .optional()
    .transform((v) => v || undefined),
  /** A user id: events by that user or about them. */
  member: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((v) => v || undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).catch(50).default(50),
});
export type AuditQuery = z.input<typeof auditQuerySchema>;

/** A team's audit log, newest first, filtered by action and by member (as actor or as subject). */
export async function listAuditEvents(who: TeamReader, query: AuditQuery = {}): Promise<AuditPage> {
  const teamId = assertTeamScope(who, "audit:read");
  const q = parseOrThrow(auditQuerySchema, query);
  const where: Prisma.AuditEventWhereInput = { teamId };
  if (q.action) where.action = q.action;
  if (q.member) where.OR = [{ actorId: q.member }, { targetType: "user", targetId: q.member }];
  const [total, rows] = await Promise.all([
    db().auditEvent.count({ where }),
    db().auditEvent.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: { id: true, createdAt: true, action: true, actorId: true, actorLabel: true, targetType: true, targetId: true, targetLabel: true, data: true },
    }),
  ]);
  return {
    events: rows.map((r) => ({
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      action: r.action,
      actor: r.actorId || r.actorLabel ? { id: r.actorId, label: r.actorLabel ?? "unknown" } : null,
      target: r.targetType ? { type: r.targetType, id: r.targetId, label: r.targetLabel } : null,
      data: r.data ?? null,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
    pageCount: Math.max(1, Math.ceil(total / q.pageSize)),
  };
}

/** The actions that occur in a team's log, for the filter menu. */
export async function listAuditActions(who: TeamReader): Promise<string[]> {
  const teamId = assertTeamScope(who, "audit:read");
  const rows = await db().auditEvent.groupBy({ by: ["action"], where: { teamId }, orderBy: { action: "asc" } });
  return rows.map((r) => r.action);
}
