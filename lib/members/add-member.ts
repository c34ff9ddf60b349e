import "server-only";
import { db } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import type { Role } from "@/lib/rbac";
import { roleSchema } from "@/lib/validation/accounts";
import { parseOrThrow } from "@/lib/validation/parse";
import { auditActorOf, lockAndCheck, type TeamActor } from "@/lib/auth/team-actor";
import { checkInvite } from "@/lib/members/rules";
import type { MemberDTO } from "@/lib/members/types";

/**
 * Adds an existing user to a team directly, without an invitation: for the admin CLI and the demo
 * seed (the web UI invites instead). Same role rules as inviting. 409 when already a member.
 */
export async function addMember(input: { actor: TeamActor; userId: string; role: Role }): Promise<MemberDTO> {
  const role = parseOrThrow(roleSchema, input.role);
  const teamId = input.actor.teamId;
  return db().$transaction(async (tx) => {
    const me = await lockAndCheck(tx, input.actor, "members:manage");
    const error = checkInvite(me, role);
    if (error) throw error;
    const user = await tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: { id: true, email: true, name: true } });
    if (await tx.membership.findUnique({ where: { teamId_userId: { teamId, userId: user.id } }, select: { id: true } })) {
      throw conflict(`${user.email} is already a member of this team.`);
    }
    const m = await tx.membership.create({ data: { teamId, userId: user.id, role }, select: { id: true, createdAt: true } });
    await recordAudit(
      { teamId, actor: auditActorOf(input.actor), action: "member.joined", target: { type: "user", id: user.id, label: user.email }, data: { role, via: input.actor.kind === "operator" ? input.actor.label : "direct" } },
      tx,
    );
    return { membershipId: m.id, userId: user.id, name: user.name, email: user.email, role, joinedAt: m.createdAt.toISOString() };
  });
}
