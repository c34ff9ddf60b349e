// The shared opening of every index setting change: the team locked, the actor's role re-read
// (team:settings) inside the transaction, the team's retention as it is now.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { actorRole, lockTeam, type TeamActor } from "@/lib/auth/team-actor";

export async function lockForIndexChange(tx: Prisma.TransactionClient, actor: TeamActor): Promise<{ name: string; indexRetentionDays: number | null }> {
  await lockTeam(tx, actor.teamId);
  await actorRole(tx, actor, "team:settings");
  return tx.team.findUniqueOrThrow({ where: { id: actor.teamId }, select: { name: true, indexRetentionDays: true } });
}

/** Deletes the team's indexed calls and its sync state; answers how many calls were deleted. */
export async function deleteIndexRows(tx: Prisma.TransactionClient, teamId: string): Promise<number> {
  const { count } = await tx.indexedCall.deleteMany({ where: { teamId } });
  await tx.callIndexState.deleteMany({ where: { teamId } });
  return count;
}
