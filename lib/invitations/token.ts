import crypto from "node:crypto";

// The invitation token lifecycle: 32 random bytes shown once as a link, only their sha256 stored,
// valid for 7 days, single use, revocable.

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type InvitationStatus = "pending" | "accepted" | "revoked" | "expired";

/** A new random token (base64url of 32 bytes) and the hash to store. The token itself is never stored. */
export function generateInvitationToken(): { token: string; tokenHash: string } {
  const token = crypto.randomBytes(32).toString("base64url");
  return { token, tokenHash: hashInvitationToken(token) };
}

/** sha256 (hex) of a token as it appears in the link. */
export function hashInvitationToken(token: string): string {
  return crypto.createHash("sha256").update(token.trim(), "utf8").digest("hex");
}

/** A syntactically possible token (43 base64url characters), checked before any database lookup. */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

export function invitationExpiry(now = new Date()): Date {
  return new Date(now.getTime() + INVITATION_TTL_MS);
}

/** Where an invitation stands: used, revoked and expired invitations can no longer be accepted. */
export function invitationStatus(inv: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now = new Date()): InvitationStatus {
  if (inv.acceptedAt) return "accepted";
  if (inv.revokedAt) return "revoked";
  if (inv.expiresAt.getTime() <= now.getTime()) return "expired";
  return "pending";
}

/** The path of the link shown to the inviting admin. */
export function invitationPath(token: string): string {
  return `/invite/${token}`;
}
