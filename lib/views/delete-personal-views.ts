import "server-only";
import type { Prisma } from "@/lib/db";
import type { TeamActor } from "@/lib/auth/team-actor";

/** When a member leaves or is removed (inside that transaction): their personal views in the actor's team go, their team views stay (owner shown as a former member). */
export async function deletePersonalViews(tx: Prisma.TransactionClient, actor: TeamActor, userId: string): Promise<number> {
  const { count } = await tx.savedView.deleteMany({ where: { teamId: actor.teamId, ownerId: userId, visibility: "PERSONAL" } });
  await tx.teamMemberPreference.deleteMany({ where: { teamId: actor.teamId, userId } });
  return count;
}
