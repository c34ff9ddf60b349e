// Sign-up does not tell who has an account, over HTTP against the production build: the same status,
// headers and body, after about the same time, whether or not the address is taken; a taken address
// gets no second account and its account is left as it was.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Client, createUser, DEFAULT_PASSWORD, uniq } from "./helpers";

let ip = 0;
/** A sign-up from an address of its own (sign-ups are limited per IP per hour; Next keeps a client's X-Forwarded-For). */
async function signUp(body: Record<string, unknown>) {
  const started = performance.now();
  const res = await new Client().request("/api/signup", { method: "POST", json: body, headers: { "x-forwarded-for": `198.18.${Math.floor(Math.random() * 250)}.${(ip++ % 250) + 1}` } });
  const text = await res.text();
  return { ms: performance.now() - started, status: res.status, text, headers: headersOf(res) };
}

/** The headers a caller could tell the two answers apart by (all but the date). */
function headersOf(res: Response) {
  return [...res.headers].filter(([name]) => !["date", "keep-alive", "connection"].includes(name)).sort();
}

const fastest = (xs: number[]) => Math.min(...xs);

describe("sign-up with an address that is taken", () => {
  it("answers exactly like a sign-up with a new address, and leaves the account as it was", async () => {
    const owner = await createUser({ name: "Real Owner" });
    const before = await db().user.findUniqueOrThrow({ where: { id: owner.id } });
    const newEmail = `${uniq("fresh")}@example.test`;

    const taken = await signUp({ email: ` ${owner.email.toUpperCase()} `, password: "the intruder's password", name: "Intruder" });
    const fresh = await signUp({ email: newEmail, password: "the newcomer's password", name: "Newcomer" });
    expect(taken.status).toBe(202);
    expect({ ...taken, ms: 0 }).toEqual({ ...fresh, ms: 0 });

    // One account for the taken address, unchanged: the owner's password still works, the other does not.
    expect(await db().user.count({ where: { email: owner.email } })).toBe(1);
    expect(await db().user.findUniqueOrThrow({ where: { id: owner.id } })).toEqual(before);
    await new Client().signIn(owner.email, DEFAULT_PASSWORD);
    expect((await new Client().signInRaw(owner.email, "the intruder's password")).status).toBe(401);
    // The new address got its account, which signs in with its password.
    expect(await db().user.findUnique({ where: { email: newEmail }, select: { name: true } })).toEqual({ name: "Newcomer" });
    await new Client().signIn(newEmail, "the newcomer's password");
  });

  it("takes about as long as a sign-up with a new address: the password is hashed in both cases", async () => {
    const owner = await createUser();
    // Answers that hash nothing (a password too short: refused first), a taken and a new address, interleaved.
    const none: number[] = [];
    const taken: number[] = [];
    const fresh: number[] = [];
    for (let i = 0; i < 9; i++) {
      const n = await signUp({ email: owner.email, password: "short", name: "X" });
      const t = await signUp({ email: owner.email, password: "long enough password", name: "X" });
      const f = await signUp({ email: `${uniq("timing")}@example.test`, password: "long enough password", name: "X" });
      expect(n.status).toBe(400);
      expect(f.status, f.text).toBeLessThan(300);
      [none, taken, fresh].forEach((list, k) => list.push([n, t, f][k].ms));
    }
    // The fastest of each (other work on the machine only ever adds time). A new address costs a hash
    // and an insert more than no hash at all; a taken one must cost most of that too (before: ~1/10).
    const summary = `no hash ${none.map(Math.round)} ms, taken ${taken.map(Math.round)} ms, new ${fresh.map(Math.round)} ms`;
    const share = (fastest(taken) - fastest(none)) / (fastest(fresh) - fastest(none));
    expect(share, summary).toBeGreaterThan(0.5);
  });
});
