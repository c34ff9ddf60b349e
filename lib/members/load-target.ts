import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";
import type { Role } from "@/lib/rbac";

export type TargetMembership = { id: string; role: Role; userId: string; email: string; name: string };

/** A membership of this team (404 for another team's or an unknown id: no existence leak). */
export async function loadTargetMembership(tx: Prisma.TransactionClient, teamId: string, membershipId: string): Promise<TargetMembership> {
  const m = await tx.membership.findFirst({ where: { id: membershipId, teamId }, select: { id: true, role: true, user: { select: { id: true, email: true, name: true } } } });
  if (!m) throw notFound("Member not found.");
  return { id: m.id, role: m.role as Role, userId: m.user.id, email: m.user.email, name: m.user.name };
}

export function countOwners(tx: Prisma.TransactionClient, teamId: string): Promise<number> {
  return tx.membership.count({ where: { teamId, role: "OWNER" } });
}
