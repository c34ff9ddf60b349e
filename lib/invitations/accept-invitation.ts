import "server-only";
import { db } from "@/lib/db";
import { AppError, conflict, notFound } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import type { Role } from "@/lib/rbac";
import { lockTeam } from "@/lib/auth/team-actor";
import { hashInvitationToken, invitationStatus, isWellFormedToken } from "@/lib/invitations/token";

export const INVALID_LINK = "This invitation link is not valid. Ask the team admin for a new one.";

/**
 * Accepts an invitation for the signed-in user. Only the invited e-mail address may accept it (a
 * forwarded or leaked link is useless to anyone else). Single use: the invitation is consumed in the
 * same transaction that creates the membership, under the team lock.
 */
export async function acceptInvitation(input: { token: string; user: { id: string; email: string } }): Promise<{ team: { name: string; slug: string }; role: Role }> {
  if (!isWellFormedToken(input.token)) throw notFound(INVALID_LINK);
  const tokenHash = hashInvitationToken(input.token);
  const first = await db().invitation.findUnique({ where: { tokenHash }, select: { teamId: true } });
  if (!first) throw notFound(INVALID_LINK);

  return db().$transaction(async (tx) => {
    await lockTeam(tx, first.teamId);
    const inv = await tx.invitation.findUniqueOrThrow({
      where: { tokenHash },
      select: { id: true, teamId: true, email: true, role: true, acceptedAt: true, revokedAt: true, expiresAt: true, team: { select: { name: true, slug: true } } },
    });
    const status = invitationStatus(inv);
    if (status === "accepted") throw new AppError("CONFLICT", "This invitation has already been used. Ask the team admin for a new one if you still need to join.", { details: { reason: "used" } });
    if (status === "revoked") throw new AppError("CONFLICT", "This invitation was revoked. Ask the team admin for a new one.", { details: { reason: "revoked" } });
    if (status === "expired") throw new AppError("CONFLICT", "This invitation has expired (links are valid for 7 days). Ask the team admin for a new one.", { details: { reason: "expired" } });
    if (inv.email !== input.user.email.toLowerCase()) {
      throw new AppError("FORBIDDEN", `This invitation is for ${inv.email}, but you are signed in as ${input.user.email}. Sign in with the invited address to accept it.`, {
        details: { reason: "email_mismatch" },
      });
    }
    const existing = await tx.membership.findUnique({ where: { teamId_userId: { teamId: inv.teamId, userId: input.user.id } }, select: { id: true } });
    if (existing) throw conflict("You are already a member of this team.");

    const consumed = await tx.invitation.updateMany({ where: { id: inv.id, acceptedAt: null, revokedAt: null }, data: { acceptedAt: new Date(), acceptedById: input.user.id } });
    if (consumed.count !== 1) throw new AppError("CONFLICT", "This invitation has already been used.", { details: { reason: "used" } });
    const role = inv.role as Role;
    await tx.membership.create({ data: { teamId: inv.teamId, userId: input.user.id, role } });
    await recordAudit(
      { teamId: inv.teamId, actor: { id: input.user.id, email: input.user.email }, action: "member.joined", target: { type: "user", id: input.user.id, label: input.user.email }, data: { role, invitationId: inv.id } },
      tx,
    );
    return { team: inv.team, role };
  });
}
