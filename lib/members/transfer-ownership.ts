import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { lockAndCheck, auditActorOf, type TeamActor } from "@/lib/auth/team-actor";
import { invalidateSessions } from "@/lib/auth/invalidate-sessions";
import { checkTransfer } from "@/lib/members/rules";
import { loadTargetMembership } from "@/lib/members/load-target";

/**
 * Makes another member an owner and the acting owner an admin (ownership:transfer). Both roles
 * change, so both users' sessions end; returns the acting owner's new session version so the route
 * can keep that browser signed in.
 */
export async function transferOwnership(input: { actor: TeamActor; membershipId: string }): Promise<{ sessionVersion: number | null }> {
  const actor = input.actor;
  const teamId = actor.teamId;
  return db().$transaction(async (tx) => {
    const me = await lockAndCheck(tx, actor, "ownership:transfer");
    const target = await loadTargetMembership(tx, input.actor, input.membershipId);
    const error = checkTransfer(me, target);
    if (error) throw error;
    await tx.membership.update({ where: { id: target.id }, data: { role: "OWNER" } });
    if (target.role === "AGENT") await tx.agentAssignment.deleteMany({ where: { membershipId: target.id } });
    await invalidateSessions(target.userId, tx);
    let sessionVersion: number | null = null;
    if (actor.kind === "member") {
      await tx.membership.update({ where: { id: actor.membershipId }, data: { role: "ADMIN" } });
      sessionVersion = await invalidateSessions(actor.userId, tx);
    }
    await recordAudit(
      {
        teamId,
        actor: auditActorOf(actor),
        action: "ownership.transferred",
        target: { type: "user", id: target.userId, label: target.email },
        data: { from: actor.kind === "member" ? actor.email : null, to: target.email, previousRole: target.role },
      },
      tx,
    );
    return { sessionVersion };
  });
}
