import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { lockAndCheck, type TeamActor } from "@/lib/auth/team-actor";
import { invalidateSessions } from "@/lib/auth/invalidate-sessions";
import { checkLeave } from "@/lib/members/rules";
import { endMembership } from "@/lib/members/end-membership";
import { countOwners } from "@/lib/members/load-target";

/**
 * Leaves a team (any member; the last owner must transfer ownership or delete the team first).
 * Like every membership change it ends the user's sessions; returns the new session version so the
 * route can keep the browser that left signed in.
 */
export async function leaveTeam(input: { actor: TeamActor }): Promise<{ sessionVersion: number }> {
  const actor = input.actor;
  if (actor.kind !== "member") throw new AppError("BAD_REQUEST", "Only a member can leave a team.");
  return db().$transaction(async (tx) => {
    const me = await lockAndCheck(tx, actor);
    const error = checkLeave(me, await countOwners(tx, actor));
    if (error) throw error;
    await endMembership(tx, actor, { id: actor.membershipId, userId: actor.userId });
    const sessionVersion = await invalidateSessions(actor.userId, tx);
    await recordAudit(
      { teamId: actor.teamId, actor: { id: actor.userId, email: actor.email }, action: "member.left", target: { type: "user", id: actor.userId, label: actor.email }, data: { role: me.role } },
      tx,
    );
    return { sessionVersion };
  });
}
