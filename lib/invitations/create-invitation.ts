import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { emailSchema, roleSchema } from "@/lib/validation/accounts";
import { parseOrThrow } from "@/lib/validation/parse";
import { auditActorOf, lockAndCheck, type TeamActor } from "@/lib/auth/team-actor";
import { checkInvite } from "@/lib/members/rules";
import { generateInvitationToken, invitationExpiry, invitationPath } from "@/lib/invitations/token";
import type { InvitationDTO } from "@/lib/invitations/types";

export const createInvitationSchema = z.object({ email: emailSchema, role: roleSchema });

/**
 * Invites an e-mail address with a role (members:manage; only owners invite owners/admins). Returns
 * the single-use link once: only the token's sha256 is stored. A newer invitation for the same
 * address replaces (revokes) a pending older one, so only the latest link works.
 */
export async function createInvitation(input: { actor: TeamActor; email: string; role: string }): Promise<{ invitation: InvitationDTO; token: string; path: string }> {
  const { email, role } = parseOrThrow(createInvitationSchema, { email: input.email, role: input.role });
  const teamId = input.actor.teamId;
  return db().$transaction(async (tx) => {
    const me = await lockAndCheck(tx, input.actor, "members:manage");
    const error = checkInvite(me, role);
    if (error) throw error;
    const member = await tx.membership.findFirst({ where: { teamId, user: { email } }, select: { id: true } });
    if (member) {
      const message = `${email} is already a member of this team.`;
      throw conflict(message, { email: [message] });
    }
    const now = new Date();
    const replaced = await tx.invitation.updateMany({ where: { teamId, email, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } }, data: { revokedAt: now } });
    const { token, tokenHash } = generateInvitationToken();
    const invitedById = input.actor.kind === "member" ? input.actor.userId : null;
    const inv = await tx.invitation.create({
      data: { teamId, email, role, tokenHash, invitedById, expiresAt: invitationExpiry(now) },
      select: { id: true, createdAt: true, expiresAt: true, invitedBy: { select: { name: true } } },
    });
    await recordAudit(
      {
        teamId,
        actor: auditActorOf(input.actor),
        action: "member.invited",
        target: { type: "invitation", id: inv.id, label: email },
        data: { email, role, expiresAt: inv.expiresAt.toISOString(), ...(replaced.count ? { replacedInvitations: replaced.count } : {}) },
      },
      tx,
    );
    return {
      invitation: { id: inv.id, email, role, status: "pending", expiresAt: inv.expiresAt.toISOString(), createdAt: inv.createdAt.toISOString(), invitedBy: inv.invitedBy?.name ?? null },
      token,
      path: invitationPath(token),
    };
  });
}
