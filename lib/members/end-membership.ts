import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TeamActor } from "@/lib/auth/team-actor";
import { deletePersonalViews } from "@/lib/views/delete-personal-views";

/**
 * Ends a membership of the actor's team (inside the caller's transaction, after lockTeam +
 * actorRole): the row goes (its agent assignments cascade), and so do the user's personal saved
 * views and preferences in this team; team-wide views they made stay with the team.
 */
export async function endMembership(tx: Prisma.TransactionClient, actor: TeamActor, target: { id: string; userId: string }): Promise<void> {
  await deletePersonalViews(tx, actor, target.userId);
  await tx.membership.delete({ where: { id: target.id } });
}
