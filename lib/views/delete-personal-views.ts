import "server-only";
import { db, type Prisma } from "@/lib/db";

/** When a member leaves or is removed: their personal views go, their team views stay (owner shown as a former member). */
export async function deletePersonalViews(teamId: string, userId: string, tx: Prisma.TransactionClient = db()): Promise<number> {
  const { count } = await tx.savedView.deleteMany({ where: { teamId, ownerId: userId, visibility: "PERSONAL" } });
  await tx.teamMemberPreference.deleteMany({ where: { teamId, userId } });
  return count;
}
