// Shared parts of the index setting changes: the team's retention as it is now (read after
// `lockAndCheck`), and deleting a team's index.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TeamActor } from "@/lib/auth/team-actor";

/** The team as an index change reads it (call after `lockAndCheck(tx, actor, "team:settings")`). */
export async function indexSettingsOf(tx: Prisma.TransactionClient, actor: TeamActor): Promise<{ name: string; indexRetentionDays: number | null }> {
  return tx.team.findUniqueOrThrow({ where: { id: actor.teamId }, select: { name: true, indexRetentionDays: true } });
}

/** Deletes the team's indexed calls and its sync state; answers how many calls were deleted. */
export async function deleteIndexRows(tx: Prisma.TransactionClient, teamId: string): Promise<number> {
  const { count } = await tx.indexedCall.deleteMany({ where: { teamId } });
  await tx.callIndexState.deleteMany({ where: { teamId } });
  return count;
}
