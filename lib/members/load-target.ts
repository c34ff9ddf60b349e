import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";
import type { TeamActor } from "@/lib/auth/team-actor";
import type { Role } from "@/lib/rbac";

// Reads inside a membership mutation's transaction, after lockTeam + actorRole have checked the actor.

export type TargetMembership = { id: string; role: Role; userId: string; email: string; name: string };

/** A membership of the actor's team (404 for another team's or an unknown id: no existence leak). */
export async function loadTargetMembership(tx: Prisma.TransactionClient, actor: TeamActor, membershipId: string): Promise<TargetMembership> {
  const m = await tx.membership.findFirst({ where: { id: membershipId, teamId: actor.teamId }, select: { id: true, role: true, user: { select: { id: true, email: true, name: true } } } });
  if (!m) throw notFound("Member not found.");
  return { id: m.id, role: m.role as Role, userId: m.user.id, email: m.user.email, name: m.user.name };
}

/** The owners of the actor's team. */
export function countOwners(tx: Prisma.TransactionClient, actor: TeamActor): Promise<number> {
  return tx.membership.count({ where: { teamId: actor.teamId, role: "OWNER" } });
}
