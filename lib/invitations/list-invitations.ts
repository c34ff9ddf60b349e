import "server-only";
import { assertTeamScope, type TeamReader } from "@/lib/auth/team-actor";
import { db } from "@/lib/db";
import type { Role } from "@/lib/rbac";
import { invitationStatus } from "@/lib/invitations/token";
import type { InvitationDTO } from "@/lib/invitations/types";

/**
 * A team's open invitations, newest first: pending ones, and expired ones from the last 30 days so an
 * admin can see that a link lapsed. Used and revoked invitations live on in the audit log.
 */
export async function listInvitations(who: TeamReader, now = new Date()): Promise<InvitationDTO[]> {
  const teamId = assertTeamScope(who, "members:manage");
  const rows = await db().invitation.findMany({
    where: { teamId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date(now.getTime() - 30 * 24 * 3600 * 1000) } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, acceptedAt: true, revokedAt: true, expiresAt: true, createdAt: true, invitedBy: { select: { name: true } } },
    take: 200,
  });
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role as Role,
    status: invitationStatus(r, now),
    expiresAt: r.expiresAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    invitedBy: r.invitedBy?.name ?? null,
  }));
}
