import "server-only";
import { db } from "@/lib/db";
import { conflict, notFound } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import type { Role } from "@/lib/rbac";
import { lockAndCheck, auditActorOf, type TeamActor } from "@/lib/auth/team-actor";
import { checkInvite } from "@/lib/members/rules";

/** Revokes an invitation so its link stops working (members:manage). Revoking twice is harmless. */
export async function revokeInvitation(input: { actor: TeamActor; invitationId: string }): Promise<void> {
  const teamId = input.actor.teamId;
  await db().$transaction(async (tx) => {
    const me = await lockAndCheck(tx, input.actor, "members:manage");
    const inv = await tx.invitation.findFirst({ where: { id: input.invitationId, teamId }, select: { id: true, email: true, role: true, acceptedAt: true, revokedAt: true } });
    if (!inv) throw notFound("Invitation not found.");
    const error = checkInvite(me, inv.role as Role);
    if (error) throw error;
    if (inv.acceptedAt) throw conflict("This invitation has already been accepted: remove the member instead.");
    if (inv.revokedAt) return;
    await tx.invitation.update({ where: { id: inv.id }, data: { revokedAt: new Date() } });
    await recordAudit(
      { teamId, actor: auditActorOf(input.actor), action: "member.invitation_revoked", target: { type: "invitation", id: inv.id, label: inv.email }, data: { email: inv.email, role: inv.role } },
      tx,
    );
  });
}
