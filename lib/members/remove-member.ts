import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { lockAndCheck, auditActorOf, type TeamActor } from "@/lib/auth/team-actor";
import { invalidateSessions } from "@/lib/auth/invalidate-sessions";
import { checkRemoval } from "@/lib/members/rules";
import { endMembership } from "@/lib/members/end-membership";
import { countOwners, loadTargetMembership } from "@/lib/members/load-target";

/** Removes a member (members:manage; only owners remove owners/admins). Their sessions end. */
export async function removeMember(input: { actor: TeamActor; membershipId: string }): Promise<void> {
  const teamId = input.actor.teamId;
  await db().$transaction(async (tx) => {
    const me = await lockAndCheck(tx, input.actor, "members:manage");
    const target = await loadTargetMembership(tx, input.actor, input.membershipId);
    const error = checkRemoval(me, target, await countOwners(tx, input.actor));
    if (error) throw error;
    await endMembership(tx, input.actor, target);
    await invalidateSessions(target.userId, tx);
    await recordAudit(
      { teamId, actor: auditActorOf(input.actor), action: "member.removed", target: { type: "user", id: target.userId, label: target.email }, data: { role: target.role } },
      tx,
    );
  });
}
