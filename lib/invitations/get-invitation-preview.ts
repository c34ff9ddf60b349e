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
};

/** What the holder of an invitation link may see before accepting it; null for an unknown link. */
export async function getInvitationPreview(token: string): Promise<InvitationPreview | null> {
  if (!isWellFormedToken(token)) return null;
  const inv = await db().invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    select: { email: true, role: true, acceptedAt: true, revokedAt: true, expiresAt: true, team: { select: { name: true, slug: true } }, invitedBy: { select: { name: true } } },
  });
  if (!inv) return null;
  return { status: invitationStatus(inv), email: inv.email, role: inv.role as Role, team: inv.team, invitedBy: inv.invitedBy?.name ?? null, expiresAt: inv.expiresAt.toISOString() };
}
