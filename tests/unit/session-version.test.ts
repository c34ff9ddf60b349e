import crypto from "node:crypto";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// getCurrentUser() reads the cookie through next/headers and the user through lib/db: both are
// replaced here so that the check itself (token → user → version compare) runs as in the app.
const state = vi.hoisted(() => ({
  cookie: undefined as string | undefined,
  user: null as null | { id: string; email: string; name: string; sessionVersion: number },
}));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "next-auth.session-token" && state.cookie ? { name, value: state.cookie } : undefined) }),
}));
vi.mock("@/lib/db", () => ({
  db: () => ({ user: { findUnique: async ({ where }: { where: { id: string } }) => (state.user && state.user.id === where.id ? state.user : null) } }),
}));

const { resetEnvCache } = await import("@/lib/env");
const { getCurrentUser, readSessionToken } = await import("@/lib/auth/session");

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
beforeEach(() => {
  state.cookie = undefined;
  state.user = { id: "u1", email: "u1@example.test", name: "U One", sessionVersion: 3 };
});

const token = (claims: Record<string, unknown>, secret = SECRET) => encode({ token: claims, secret });

describe("readSessionToken", () => {
  it("reads the user id and session version of a next-auth JWT", async () => {
    expect(await readSessionToken(await token({ sub: "u1", sv: 3 }))).toEqual({ userId: "u1", sv: 3 });
  });

  it("rejects tokens without a version, without a subject, signed with another secret, or tampered with", async () => {
    expect(await readSessionToken(await token({ sub: "u1" }))).toBeNull();
    expect(await readSessionToken(await token({ sv: 1 }))).toBeNull();
    expect(await readSessionToken(await token({ sub: "u1", sv: 3 }, crypto.randomBytes(32).toString("base64url")))).toBeNull();
    const good = await token({ sub: "u1", sv: 3 });
    const i = Math.floor(good.length / 2);
    const tampered = good.slice(0, i) + (good[i] === "A" ? "B" : "A") + good.slice(i + 1);
    expect(await readSessionToken(tampered)).toBeNull();
    expect(await readSessionToken(undefined)).toBeNull();
    expect(await readSessionToken("not a token")).toBeNull();
  });
});

describe("getCurrentUser: the session-version check", () => {
  it("accepts a session carrying the user's current version", async () => {
    state.cookie = await token({ sub: "u1", sv: 3 });
    expect(await getCurrentUser()).toMatchObject({ id: "u1", sessionVersion: 3 });
  });

  it("treats a session issued before the version was bumped as no session", async () => {
    state.cookie = await token({ sub: "u1", sv: 2 });
    expect(await getCurrentUser()).toBeNull();
  });

  it("treats a session from the future (version not yet reached) as no session", async () => {
    state.cookie = await token({ sub: "u1", sv: 4 });
    expect(await getCurrentUser()).toBeNull();
  });

  it("treats a session of a deleted user as no session", async () => {
    state.cookie = await token({ sub: "u1", sv: 3 });
    state.user = null;
    expect(await getCurrentUser()).toBeNull();
  });

  it("has no user without a cookie", async () => {
    expect(await getCurrentUser()).toBeNull();
  });
});
