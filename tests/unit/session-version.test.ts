import crypto from "node:crypto";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Reading the session cookie: a next-auth JWT whose claims name the user, the user's session version
// at sign-in and the session's id. Checking those against the database: tests/db/sessions.test.ts.
const { resetEnvCache } = await import("@/lib/env");
const { readSessionToken } = await import("@/lib/auth/session");

const SECRET = crypto.randomBytes(32).toString("base64url");
const saved = process.env.NEXTAUTH_SECRET;
beforeAll(() => {
  process.env.NEXTAUTH_SECRET = SECRET;
  resetEnvCache();
});
afterAll(() => {
  process.env.NEXTAUTH_SECRET = saved;
  resetEnvCache();
});

const token = (claims: Record<string, unknown>, secret = SECRET) => encode({ token: claims, secret });

describe("readSessionToken", () => {
  it("reads the user id, session version and session id of a next-auth JWT", async () => {
    expect(await readSessionToken(await token({ sub: "u1", sv: 3, sid: "s1" }))).toEqual({ userId: "u1", sv: 3, sid: "s1" });
  });

  it("rejects tokens without a version, a subject or a session id, signed with another secret, or tampered with", async () => {
    expect(await readSessionToken(await token({ sub: "u1", sid: "s1" }))).toBeNull();
    expect(await readSessionToken(await token({ sv: 1, sid: "s1" }))).toBeNull();
    // Issued before sessions had ids: it could not be revoked by signing out, so it is no session.
    expect(await readSessionToken(await token({ sub: "u1", sv: 3 }))).toBeNull();
    expect(await readSessionToken(await token({ sub: "u1", sv: 3, sid: "" }))).toBeNull();
    expect(await readSessionToken(await token({ sub: "u1", sv: 3, sid: "s1" }, crypto.randomBytes(32).toString("base64url")))).toBeNull();
    const good = await token({ sub: "u1", sv: 3, sid: "s1" });
    const i = Math.floor(good.length / 2);
    const tampered = good.slice(0, i) + (good[i] === "A" ? "B" : "A") + good.slice(i + 1);
    expect(await readSessionToken(tampered)).toBeNull();
    expect(await readSessionToken(undefined)).toBeNull();
    expect(await readSessionToken("not a token")).toBeNull();
  });
});
