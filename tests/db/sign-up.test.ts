// Sign-up never tells whether an address has an account (lib/users/sign-up.ts): the same result and
// the same work (a password hash) either way, the existing account untouched and its owner notified
// through the one hook the e-mail issue will fill in.
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { verifyPassword } from "@/lib/auth/password";
import { PASSWORD, uniq, user } from "./accounts-fixtures";

// Only counted: the hook's own effect (a log line today, an e-mail with issue 15) is not the subject.
const notified = vi.hoisted(() => [] as string[]);
vi.mock("@/lib/users/notify-existing-account", () => ({ notifyExistingAccountOfSignUp: async (a: { id: string }) => void notified.push(a.id) }));
// Counts the password hashes, computing them for real.
const hashes = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/auth/password", async (original) => {
  const real = await original<typeof import("@/lib/auth/password")>();
  return { ...real, hashPassword: (p: string) => (hashes.count++, real.hashPassword(p)) };
});

const { signUp } = await import("@/lib/users/sign-up");
const { createInvitation } = await import("@/lib/invitations/create-invitation");
const { team } = await import("./accounts-fixtures");

afterEach(() => {
  notified.length = 0;
  hashes.count = 0;
  delete process.env.SIGNUP_ENABLED;
  resetEnvCache();
});

async function attempt(input: Parameters<typeof signUp>[0]) {
  hashes.count = 0;
  const result = await signUp(input);
  return { result, hashes: hashes.count };
}

describe("sign-up with an address that already has an account", () => {
  it("answers exactly as for a new address, after hashing the password too, and creates nothing", async () => {
    const existing = await user();
    const before = await db().user.findUniqueOrThrow({ where: { id: existing.id } });
    const taken = await attempt({ email: `  ${existing.email.toUpperCase()} `, password: "another long password", name: "Intruder" });
    const fresh = await attempt({ email: `${uniq("new")}@example.test`, password: "another long password", name: "Newcomer" });
    expect(taken).toEqual(fresh);
    expect(taken.hashes).toBe(1);

    expect(await db().user.count({ where: { email: existing.email } })).toBe(1);
    const after = await db().user.findUniqueOrThrow({ where: { id: existing.id } });
    expect(after).toEqual(before);
    expect(await verifyPassword(after.passwordHash, PASSWORD)).toBe(true);
    expect(await verifyPassword(after.passwordHash, "another long password")).toBe(false);
    expect(notified).toEqual([existing.id]);
  });

  it("notifies the owner once per attempt, and never for a new address", async () => {
    const existing = await user();
    await signUp({ email: existing.email, password: "long enough password", name: "A" });
    await signUp({ email: existing.email, password: "long enough password", name: "B" });
    await signUp({ email: `${uniq("new")}@example.test`, password: "long enough password", name: "C" });
    expect(notified).toEqual([existing.id, existing.id]);
  });

  it("two sign-ups of one new address at once: one account, the other treated as taken", async () => {
    const email = `${uniq("race")}@example.test`;
    const results = await Promise.all([1, 2].map((n) => signUp({ email, password: "long enough password", name: `Racer ${n}` })));
    expect(results).toEqual([undefined, undefined]);
    const rows = await db().user.findMany({ where: { email }, select: { id: true } });
    expect(rows).toHaveLength(1);
    expect(notified).toEqual([rows[0].id]);
  });

  it("with sign-up off, an invitation for an address that has an account answers the same too", async () => {
    process.env.SIGNUP_ENABLED = "false";
    resetEnvCache();
    const { by } = await team();
    const existing = await user();
    const { token } = await createInvitation({ actor: by("ADMIN").actor, email: existing.email, role: "AGENT" });
    const other = `${uniq("inv")}@example.test`;
    const { token: otherToken } = await createInvitation({ actor: by("ADMIN").actor, email: other, role: "AGENT" });
    const taken = await attempt({ email: existing.email, password: "long enough password", name: "X", inviteToken: token });
    const fresh = await attempt({ email: other, password: "long enough password", name: "Y", inviteToken: otherToken });
    expect(taken).toEqual(fresh);
    expect(await db().user.count({ where: { email: existing.email } })).toBe(1);
    expect(notified).toEqual([existing.id]);
  });
});
