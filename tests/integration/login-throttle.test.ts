// The sign-in throttle under concurrency: an attempt takes its point (per e-mail and per IP) before the
// password is checked, so at most LOGIN_MAX_ATTEMPTS (default 5) attempts per e-mail per minute, and
// 4× that per IP, ever reach password verification, however many arrive at once. A correct password
// gives its point back; it does not clear the failures before it.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { Client, createUser, DEFAULT_PASSWORD, uniq } from "./helpers";

const MAX = 5;
const PER_IP = 4 * MAX;
const THROTTLED = /^Too many failed sign-in attempts\. Try again in \d+ s\.$/;

/** A fresh client address for each use (the app keeps its counters for a minute across test files). */
const ip = () => `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;

async function attempt(email: string, password: string, from: string) {
  const c = new Client();
  const { csrfToken } = (await (await c.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await c.request("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": from },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: "/" }).toString(),
  });
  const body = await res.text();
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body, signedIn: c.isSignedIn() };
}

async function expectThrottled(r: Awaited<ReturnType<typeof attempt>>) {
  expect(r.status).toBe(429);
  expect(r.signedIn).toBe(false);
  const wait = Number(r.retryAfter);
  expect(wait).toBeGreaterThan(0);
  expect(wait).toBeLessThanOrEqual(60);
  const { error } = JSON.parse(r.body) as { error: { code: string; message: string; retryAfterSeconds: number } };
  expect(error.code).toBe("RATE_LIMITED");
  expect(error.message).toMatch(THROTTLED);
  expect(error.retryAfterSeconds).toBe(wait);
}

describe("sign-in throttle under concurrency", () => {
  it(`lets at most ${MAX} of 20 simultaneous wrong passwords for one e-mail reach the password check; then even the right one waits`, async () => {
    const user = await createUser();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(user.email, `wrong ${i}`, ip())));
    const passed = results.filter((r) => r.status !== 429);
    expect(passed).toHaveLength(MAX);
    for (const r of passed) {
      expect(r.signedIn).toBe(false);
      expect(r.body).toContain("error=CredentialsSignin");
    }
    for (const r of results.filter((x) => x.status === 429)) await expectThrottled(r);
    await expectThrottled(await attempt(user.email, DEFAULT_PASSWORD, ip()));
  });

  it("treats an unknown e-mail exactly like a known one", async () => {
    const ghost = `${uniq("ghost")}@example.test`;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(ghost, `wrong ${i}`, ip())));
    expect(results.filter((r) => r.status !== 429)).toHaveLength(MAX);
  });

  it(`allows ${PER_IP} failures per IP across different e-mails, even at once, and answers the next one with 429`, async () => {
    const from = ip();
    const known = await Promise.all(Array.from({ length: 5 }, () => createUser()));
    const emails = [...known.map((u) => u.email), ...Array.from({ length: PER_IP + 5 - known.length }, () => `${uniq("spray")}@example.test`)];
    const results = await Promise.all(emails.map((email) => attempt(email, "Winter2026!", from)));
    expect(results.filter((r) => r.status !== 429)).toHaveLength(PER_IP);
    await expectThrottled(await attempt(`${uniq("spray")}@example.test`, "Winter2026!", from));
    // A different address is not affected.
    expect((await attempt(known[0].email, DEFAULT_PASSWORD, ip())).signedIn).toBe(true);
  });

  it(`answers the ${PER_IP + 1}st failure from one IP with 429, one at a time too`, async () => {
    const from = ip();
    for (let i = 1; i <= PER_IP; i++) expect((await attempt(`${uniq("seq")}@example.test`, "guess", from)).status, `failure ${i}`).not.toBe(429);
    await expectThrottled(await attempt(`${uniq("seq")}@example.test`, "guess", from));
  });

  it("does not count successful sign-ins, but a success does not wipe out the failures before it", async () => {
    const user = await createUser();
    const from = ip();
    for (let i = 0; i < 2 * MAX; i++) expect((await attempt(user.email, DEFAULT_PASSWORD, from)).signedIn, `sign-in ${i + 1}`).toBe(true);
    for (let i = 0; i < MAX - 1; i++) expect((await attempt(user.email, `wrong ${i}`, from)).status).not.toBe(429);
    expect((await attempt(user.email, DEFAULT_PASSWORD, from)).signedIn).toBe(true);
    expect((await attempt(user.email, "wrong again", from)).status).not.toBe(429); // failure number MAX
    await expectThrottled(await attempt(user.email, DEFAULT_PASSWORD, from));
  });
});
