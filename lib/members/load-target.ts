import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";
import type { Role } from "@/lib/rbac";
import { deletePersonalViews } from "@/lib/views/delete-personal-views";

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

/**
 * Ends a membership: the row goes (its agent assignments cascade), and so do the user's personal
 * saved views and preferences in this team; team-wide views they made stay with the team.
 */
export async function endMembership(tx: Prisma.TransactionClient, teamId: string, target: { id: string; userId: string }): Promise<void> {
  await deletePersonalViews(teamId, target.userId, tx);
  await tx.membership.delete({ where: { id: target.id } });
}
