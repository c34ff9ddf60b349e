import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  generateInvitationToken,
  hashInvitationToken,
  INVITATION_TTL_MS,
  invitationExpiry,
  invitationPath,
  invitationStatus,
  isWellFormedToken,
} from "@/lib/invitations/token";

describe("invitation tokens", () => {
  it("are 32 random bytes in base64url, stored only as their sha256", () => {
    const { token, tokenHash } = generateInvitationToken();
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(isWellFormedToken(token)).toBe(true);
    expect(tokenHash).toBe(crypto.createHash("sha256").update(token).digest("hex"));
    expect(tokenHash).not.toContain(token);
    expect(hashInvitationToken(token)).toBe(tokenHash);
  });

  it("never repeat", () => {
    const tokens = new Set(Array.from({ length: 2000 }, () => generateInvitationToken().token));
    expect(tokens.size).toBe(2000);
  });

  it("hash differently when a single character differs", () => {
    const { token } = generateInvitationToken();
    const other = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    expect(hashInvitationToken(other)).not.toBe(hashInvitationToken(token));
  });

  it("reject malformed tokens before any look-up", () => {
    expect(isWellFormedToken("")).toBe(false);
    expect(isWellFormedToken("short")).toBe(false);
    expect(isWellFormedToken("a".repeat(44))).toBe(false);
    expect(isWellFormedToken(`${"a".repeat(42)}=`)).toBe(false);
    expect(isWellFormedToken("../../etc/passwd".padEnd(43, "a"))).toBe(false);
  });

  it("link to /invite/<token>", () => {
    expect(invitationPath("abc")).toBe("/invite/abc");
  });
});

describe("invitation lifecycle", () => {
  const now = new Date("2026-11-24T10:00:00Z");
  const expiresAt = invitationExpiry(now);
  const open = { acceptedAt: null, revokedAt: null, expiresAt };

  it("expires exactly 7 days after creation", () => {
    expect(INVITATION_TTL_MS).toBe(7 * 24 * 3600 * 1000);
    expect(expiresAt.toISOString()).toBe("2026-12-01T10:00:00.000Z");
  });

  it("is pending until the expiry instant, expired from it on", () => {
    expect(invitationStatus(open, now)).toBe("pending");
    expect(invitationStatus(open, new Date(expiresAt.getTime() - 1))).toBe("pending");
    expect(invitationStatus(open, expiresAt)).toBe("expired");
    expect(invitationStatus(open, new Date(expiresAt.getTime() + 1))).toBe("expired");
  });

  it("is used once accepted and dead once revoked, whatever the clock says", () => {
    expect(invitationStatus({ ...open, acceptedAt: now }, now)).toBe("accepted");
    expect(invitationStatus({ ...open, revokedAt: now }, now)).toBe("revoked");
    expect(invitationStatus({ ...open, acceptedAt: now }, new Date(expiresAt.getTime() + 1))).toBe("accepted");
    expect(invitationStatus({ ...open, revokedAt: now }, new Date(expiresAt.getTime() + 1))).toBe("revoked");
  });
});
