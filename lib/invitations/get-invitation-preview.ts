import "server-only";
import { db } from "@/lib/db";
import type { Role } from "@/lib/rbac";
import { hashInvitationToken, invitationStatus, isWellFormedToken, type InvitationStatus } from "@/lib/invitations/token";

export type InvitationPreview = {
  status: InvitationStatus;
  email: string;
  role: Role;
  team: { name: string; slug: string };
  invitedBy: string | null;
  expiresAt: string;
  /** Whether the viewer (when given) is already a member of the team. */
  viewerIsMember: boolean;
};

/** What the holder of an invitation link may see before accepting it; null for an unknown link. */
export async function getInvitationPreview(token: string, viewerUserId?: string): Promise<InvitationPreview | null> {
  if (!isWellFormedToken(token)) return null;
  const inv = await db().invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    select: {
      email: true,
      role: true,
      acceptedAt: true,
      revokedAt: true,
      expiresAt: true,
      team: { select: { name: true, slug: true, memberships: { where: { userId: viewerUserId ?? "" }, select: { id: true } } } },
      invitedBy: { select: { name: true } },
    },
  });
  if (!inv) return null;
  return {
    status: invitationStatus(inv),
    email: inv.email,
    role: inv.role as Role,
    team: { name: inv.team.name, slug: inv.team.slug },
    invitedBy: inv.invitedBy?.name ?? null,
    expiresAt: inv.expiresAt.toISOString(),
    viewerIsMember: !!viewerUserId && inv.team.memberships.length > 0,
  };
}
