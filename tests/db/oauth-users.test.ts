// The OAuth user gate (lib/auth/oauth.ts): which portal account a GitHub or Google sign-in becomes.
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { findOrCreateOAuthUser } from "@/lib/auth/oauth";
import { createInvitation } from "@/lib/invitations/create-invitation";
import { team, uniq, user } from "./accounts-fixtures";

const address = () => `${uniq("oauth")}@example.test`;
const usersWith = (email: string) => db().user.findMany({ where: { email }, select: { id: true, passwordHash: true, name: true } });

function signup(enabled: boolean) {
  process.env.SIGNUP_ENABLED = String(enabled);
  resetEnvCache();
}

afterEach(() => {
  delete process.env.SIGNUP_ENABLED;
  resetEnvCache();
});

describe("OAuth sign-in with sign-up on", () => {
  it("refuses a provider account without a verified e-mail, creating nothing", async () => {
    const before = await db().user.count();
    for (const verifiedEmail of [null, "", "not an address"]) expect(await findOrCreateOAuthUser({ verifiedEmail, name: "X" })).toEqual({ ok: false, reason: "OAuthEmail" });
    expect(await db().user.count()).toBe(before);
  });

  it("creates a user without a password on the first sign-in, and signs the same user in afterwards (either provider)", async () => {
    const email = address();
    const first = await findOrCreateOAuthUser({ verifiedEmail: `  ${email.toUpperCase()} `, name: "  Ada Lovelace " });
    expect(first.ok).toBe(true);
    const rows = await usersWith(email);
    expect(rows).toEqual([{ id: first.ok ? first.user.id : "", passwordHash: null, name: "Ada Lovelace" }]);
    const again = await findOrCreateOAuthUser({ verifiedEmail: email, name: "Another Name" });
    expect(again).toEqual(first);
    expect(await usersWith(email)).toHaveLength(1);
  });

  it("names a user without a profile name after the address", async () => {
    const email = address();
    await findOrCreateOAuthUser({ verifiedEmail: email, name: null });
    expect((await usersWith(email))[0].name).toBe(email.split("@")[0]);
  });

  it("carries the user's session version, so sign-out-everywhere still ends OAuth sessions", async () => {
    const email = address();
    const first = await findOrCreateOAuthUser({ verifiedEmail: email, name: "X" });
    if (!first.ok) throw new Error("expected a user");
    await db().user.update({ where: { id: first.user.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await findOrCreateOAuthUser({ verifiedEmail: email, name: "X" })).toEqual({ ok: true, user: { id: first.user.id, sessionVersion: first.user.sessionVersion + 1 } });
  });

  it("does not take over an account that signs in with a password (its e-mail was never verified)", async () => {
    const existing = await user();
    const result = await findOrCreateOAuthUser({ verifiedEmail: existing.email, name: "Someone" });
    expect(result).toEqual({ ok: false, reason: "PasswordAccount" });
    const [row] = await usersWith(existing.email);
    expect(row.id).toBe(existing.id);
    expect(row.passwordHash).toBeTruthy();
  });

  it("makes one user of two simultaneous first sign-ins", async () => {
    const email = address();
    const results = await Promise.all([findOrCreateOAuthUser({ verifiedEmail: email, name: "A" }), findOrCreateOAuthUser({ verifiedEmail: email, name: "B" })]);
    const rows = await usersWith(email);
    expect(rows).toHaveLength(1);
    expect(results).toEqual([
      { ok: true, user: { id: rows[0].id, sessionVersion: 1 } },
      { ok: true, user: { id: rows[0].id, sessionVersion: 1 } },
    ]);
  });
});

describe("OAuth sign-in with sign-up off", () => {
  it("refuses a new address without an invitation, creating nothing", async () => {
    signup(false);
    const email = address();
    expect(await findOrCreateOAuthUser({ verifiedEmail: email, name: "X" })).toEqual({ ok: false, reason: "SignupDisabled" });
    expect(await usersWith(email)).toEqual([]);
  });

  it("creates the account of an address with an open invitation (joining is still accepting it)", async () => {
    const { by, team: t } = await team(["OWNER", "ADMIN"]);
    const email = address();
    await createInvitation({ actor: by("ADMIN").actor, email: email.toUpperCase(), role: "AGENT" });
    signup(false);
    const result = await findOrCreateOAuthUser({ verifiedEmail: email, name: "Invited" });
    expect(result.ok).toBe(true);
    const [row] = await usersWith(email);
    expect(row).toMatchObject({ passwordHash: null, name: "Invited" });
    expect(await db().membership.count({ where: { userId: row.id, teamId: t.id } })).toBe(0);
    expect(await db().invitation.count({ where: { email, acceptedAt: null } })).toBe(1);
  });

  it("refuses when the only invitation is revoked, expired, used or for another address", async () => {
    const { by } = await team(["OWNER", "ADMIN"]);
    const cases: [string, (id: string) => Promise<unknown>][] = [
      ["revoked", (id) => db().invitation.update({ where: { id }, data: { revokedAt: new Date() } })],
      ["expired", (id) => db().invitation.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } })],
      ["used", async (id) => db().invitation.update({ where: { id }, data: { acceptedAt: new Date() } })],
    ];
    for (const [label, spoil] of cases) {
      const email = address();
      const created = await createInvitation({ actor: by("ADMIN").actor, email, role: "AGENT" });
      await spoil(created.invitation.id);
      signup(false);
      expect(await findOrCreateOAuthUser({ verifiedEmail: email, name: "X" }), label).toEqual({ ok: false, reason: "SignupDisabled" });
      expect(await usersWith(email), label).toEqual([]);
      signup(true);
    }
    await createInvitation({ actor: by("ADMIN").actor, email: address(), role: "AGENT" });
    signup(false);
    const stranger = address();
    expect(await findOrCreateOAuthUser({ verifiedEmail: stranger, name: "X" })).toEqual({ ok: false, reason: "SignupDisabled" });
  });

  it("still signs in an existing OAuth user, and still refuses a password account", async () => {
    const email = address();
    const first = await findOrCreateOAuthUser({ verifiedEmail: email, name: "X" });
    const withPassword = await user();
    signup(false);
    expect(await findOrCreateOAuthUser({ verifiedEmail: email, name: "X" })).toEqual(first);
    expect(await findOrCreateOAuthUser({ verifiedEmail: withPassword.email, name: "X" })).toEqual({ ok: false, reason: "PasswordAccount" });
  });
});
