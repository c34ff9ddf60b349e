import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";

export type AuditAction =
  | "member.invited"
  | "member.invitation_revoked"
  | "member.joined"
  | "member.role_changed"
  | "member.removed"
  | "member.left"
  | "ownership.transferred"
  | "assignments.changed"
  | "team.created"
  | "team.settings_changed"
  | "team.deleted"
  | "credential.added"
  | "credential.replaced"
  | "credential.removed"
  | "credential.tested"
  | "credential.marked_invalid"
  | "credentials.rotated"
  | "directory.synced"
  | "directory.changed"
  | "view.created"
  | "view.updated"
  | "view.shared"
  | "view.deleted"
  | "view.team_default_set"
  | "calls.exported"
  | "call.deleted"
  | "index.paused"
  | "index.resumed"
  | "index.rebuild_requested"
  | "index.retention_changed"
  | "index.purged";

export type AuditInput = {
  teamId: string | null;
  /** The user who acted; `id: null` for an operator (admin CLI), recorded by label only. */
  actor: { id: string | null; email: string } | null;
  action: AuditAction;
  target?: { type: string; id?: string | null; label?: string | null };
  /** Details of the change. Must never hold a secret. */
  data?: Prisma.InputJsonValue;
};

/**
 * Records who did what to whom. Pass a transaction client to record atomically with the change. The
 * team's id, slug and name are copied into the row, so it stays attributable after the team is deleted.
 */
export async function recordAudit(input: AuditInput, tx: Prisma.TransactionClient = db()): Promise<void> {
  const team = input.teamId ? await tx.team.findUnique({ where: { id: input.teamId }, select: { slug: true, name: true } }) : null;
  await tx.auditEvent.create({
    data: {
      teamId: input.teamId,
      teamRefId: input.teamId,
      teamSlug: team?.slug ?? null,
      teamName: team?.name ?? null,
      actorId: input.actor?.id ?? null,
      actorLabel: input.actor?.email ?? null,
      action: input.action,
      targetType: input.target?.type ?? null,
      targetId: input.target?.id ?? null,
      targetLabel: input.target?.label ?? null,
      data: input.data,
    },
  });
}
