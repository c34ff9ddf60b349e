import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import type { Role } from "@/lib/rbac";
import { roleSchema } from "@/lib/validation/accounts";
import { parseOrThrow } from "@/lib/validation/parse";
import { lockAndCheck, auditActorOf, type TeamActor } from "@/lib/auth/team-actor";
import { invalidateSessions } from "@/lib/auth/invalidate-sessions";
import { checkRoleChange } from "@/lib/members/rules";
import { countOwners, loadTargetMembership } from "@/lib/members/load-target";
import type { MemberDTO } from "@/lib/members/types";

/**
 * Changes a member's role (members:manage). Only owners grant or take away owner/admin, nobody
 * changes their own role, the last owner cannot be demoted. The member's sessions end, so the new
 * role applies from their next request. Agent assignments are cleared when someone stops being an
 * agent (they would otherwise come back silently on a later demotion).
 */
export async function changeMemberRole(input: { actor: TeamActor; membershipId: string; role: Role }): Promise<MemberDTO & { changed: boolean }> {
  const role = parseOrThrow(roleSchema, input.role);
  const teamId = input.actor.teamId;
  return db().$transaction(async (tx) => {
    const me = await lockAndCheck(tx, input.actor, "members:manage");
    const target = await loadTargetMembership(tx, input.actor, input.membershipId);
    const error = checkRoleChange(me, target, role, await countOwners(tx, input.actor));
    if (error) throw error;
    const updated = await tx.membership.findUniqueOrThrow({ where: { id: target.id }, select: { createdAt: true } });
    const dto = { membershipId: target.id, userId: target.userId, name: target.name, email: target.email, joinedAt: updated.createdAt.toISOString() };
    if (target.role === role) return { ...dto, role, changed: false };

    await tx.membership.update({ where: { id: target.id }, data: { role } });
    const cleared = target.role === "AGENT" ? (await tx.agentAssignment.deleteMany({ where: { membershipId: target.id } })).count : 0;
    await invalidateSessions(target.userId, tx);
    await recordAudit(
      {
        teamId,
        actor: auditActorOf(input.actor),
        action: "member.role_changed",
        target: { type: "user", id: target.userId, label: target.email },
        data: { from: target.role, to: role, ...(cleared ? { assignmentsCleared: cleared } : {}) },
      },
      tx,
    );
    return { ...dto, role, changed: true };
  });
}
