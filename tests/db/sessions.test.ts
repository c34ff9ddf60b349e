// The session check against a real database (lib/auth/session.ts): the session version, a deleted
// user, and sessions revoked by signing out (lib/auth/revoke-session.ts), with their purge.
import crypto from "node:crypto";
import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { user } from "./accounts-fixtures";

// getCurrentUser() reads the cookie through next/headers (a request API): only that is replaced.
const jar = vi.hoisted(() => ({ cookie: undefined as string | undefined }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "next-auth.session-token" && jar.cookie ? { name, value: jar.cookie } : undefined) }),
}));
// React's cache() is per request; here every call is a request of its own.
vi.mock("react", async (original) => ({ ...(await original<typeof import("react")>()), cache: <T>(fn: T) => fn }));

const { getCurrentUser, SESSION_MAX_AGE_SECONDS } = await import("@/lib/auth/session");
const { invalidateSessions } = await import("@/lib/auth/invalidate-sessions");
const { revokeSession, purgeRevokedSessions } = await import("@/lib/auth/revoke-session");

const sid = () => crypto.randomUUID();
async function as(claims: Record<string, unknown>) {
  jar.cookie = await encode({ token: claims, secret: env().NEXTAUTH_SECRET! });
  return getCurrentUser();
}

beforeEach(() => {
  jar.cookie = undefined;
});

describe("getCurrentUser", () => {
  it("accepts a session at the user's current version", async () => {
    const u = await user();
    expect(await as({ sub: u.id, sv: 1, sid: sid() })).toEqual({ id: u.id, email: u.email, name: u.name, sessionVersion: 1 });
  });

  it("refuses a session issued before the version was bumped, or from a version not reached yet", async () => {
    const u = await user();
    const s = sid();
    await invalidateSessions(u.id);
    expect(await as({ sub: u.id, sv: 1, sid: s })).toBeNull();
    expect(await as({ sub: u.id, sv: 3, sid: s })).toBeNull();
    expect(await as({ sub: u.id, sv: 2, sid: s })).toMatchObject({ id: u.id, sessionVersion: 2 });
  });

  it("refuses a session of a deleted user, a token without a session id, and no cookie", async () => {
    const u = await user();
    await db().user.delete({ where: { id: u.id } });
    expect(await as({ sub: u.id, sv: 1, sid: sid() })).toBeNull();
    const v = await user();
    expect(await as({ sub: v.id, sv: 1 })).toBeNull();
    jar.cookie = undefined;
    expect(await getCurrentUser()).toBeNull();
  });

  it("refuses a revoked session while the user's other sessions go on", async () => {
    const u = await user();
    const [signedOut, other] = [sid(), sid()];
    await revokeSession({ userId: u.id, sid: signedOut });
    expect(await as({ sub: u.id, sv: 1, sid: signedOut })).toBeNull();
    expect(await as({ sub: u.id, sv: 1, sid: other })).toMatchObject({ id: u.id });
  });
});

describe("revokeSession", () => {
  it("keeps the id until every token carrying it has expired, and may be repeated", async () => {
    const u = await user();
    const s = sid();
    const now = new Date();
    await revokeSession({ userId: u.id, sid: s }, now);
    await revokeSession({ userId: u.id, sid: s }, now);
    const rows = await db().revokedSession.findMany({ where: { id: s } });
    expect(rows).toHaveLength(1);
    expect(rows[0].userId).toBe(u.id);
    expect(rows[0].expiresAt.getTime()).toBeGreaterThanOrEqual(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
  });

  it("does nothing for a user who is gone (every session of theirs is refused anyway)", async () => {
    const u = await user();
    await db().user.delete({ where: { id: u.id } });
    await expect(revokeSession({ userId: u.id, sid: sid() })).resolves.toBeUndefined();
  });

  it("purges expired revocations at the next sign-out, keeping the live ones", async () => {
    const u = await user();
    const [old, recent, next] = [sid(), sid(), sid()];
    const longAgo = new Date(Date.now() - (SESSION_MAX_AGE_SECONDS + 3600) * 1000);
    await revokeSession({ userId: u.id, sid: old }, longAgo);
    await revokeSession({ userId: u.id, sid: recent }, new Date(Date.now() - 24 * 3600 * 1000));
    expect(await db().revokedSession.count({ where: { id: { in: [old, recent] } } })).toBe(2);
    await revokeSession({ userId: u.id, sid: next });
    expect((await db().revokedSession.findMany({ where: { userId: u.id }, select: { id: true } })).map((r) => r.id).sort()).toEqual([recent, next].sort());
    // An expired row's session is long expired itself: nothing is let back in by the purge.
    expect(await purgeRevokedSessions()).toBe(0);
  });

  it("goes with the user", async () => {
    const u = await user();
    await revokeSession({ userId: u.id, sid: sid() });
    await db().user.delete({ where: { id: u.id } });
    expect(await db().revokedSession.count({ where: { userId: u.id } })).toBe(0);
  });
});
