import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { deletePersonalViews } from "@/lib/views/delete-personal-views";

/**
 * Ends a membership: the row goes (its agent assignments cascade), and so do the user's personal
 * saved views and preferences in this team; team-wide views they made stay with the team.
 */
export async function endMembership(tx: Prisma.TransactionClient, teamId: string, target: { id: string; userId: string }): Promise<void> {
  await deletePersonalViews(teamId, target.userId, tx);
  await tx.membership.delete({ where: { id: target.id } });
}
