// The sign-in throttle's primitive (lib/auth/throttle.ts), in memory and on a real Redis: a point is
// taken per e-mail and per IP before any password check, atomically, so concurrent attempts cannot
// all get through; a success gives its point back; a refused attempt takes nothing.
// The Redis half needs `redis-server` (Debian package redis-server) and is skipped without it.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as Throttle from "@/lib/auth/throttle";
import { redisServerBin, startRedis, type Service } from "@/tools/services";

const MAX = 5;
let n = 0;
const fresh = (p: string) => `${p}-${process.pid}-${Date.now()}-${++n}`;

/** A fresh copy of the throttle module (and of env and the Redis client) for this environment. */
async function load(vars: Record<string, string | undefined>): Promise<typeof Throttle> {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  vi.resetModules();
  const { resetEnvCache } = await import("@/lib/env");
  resetEnvCache();
  return import("@/lib/auth/throttle");
}

function suite(name: string, setup: () => Promise<typeof Throttle>) {
  describe(name, () => {
    let t: typeof Throttle;
    beforeAll(async () => {
      t = await setup();
    });

    it(`lets exactly ${MAX} of 20 simultaneous attempts for one e-mail through, and refuses the rest with the wait`, async () => {
      const email = `${fresh("u")}@example.test`;
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => t.startLoginAttempt(email, fresh(`ip${i}`))));
      expect(results.filter((r) => r.ok)).toHaveLength(MAX);
      for (const r of results) {
        if (r.ok) continue;
        expect(r.retryAfterSeconds).toBeGreaterThan(0);
        expect(r.retryAfterSeconds).toBeLessThanOrEqual(60);
      }
      // The same e-mail, written differently, is the same counter.
      expect((await t.startLoginAttempt(`  ${email.toUpperCase()} `, fresh("ip"))).ok).toBe(false);
    });

    it(`lets ${4 * MAX} attempts per IP through across e-mails, at once`, async () => {
      const ip = fresh("ip");
      const results = await Promise.all(Array.from({ length: 4 * MAX + 7 }, () => t.startLoginAttempt(`${fresh("u")}@example.test`, ip)));
      expect(results.filter((r) => r.ok)).toHaveLength(4 * MAX);
    });

    it("gives a successful attempt's point back, but keeps the failures", async () => {
      const email = `${fresh("u")}@example.test`;
      const ip = fresh("ip");
      for (let i = 0; i < 3 * MAX; i++) {
        const r = await t.startLoginAttempt(email, ip);
        if (!r.ok) throw new Error(`success ${i + 1} was refused`);
        await r.attempt.succeeded();
        await r.attempt.succeeded(); // twice gives back once
      }
      for (let i = 0; i < MAX; i++) expect((await t.startLoginAttempt(email, ip)).ok, `failure ${i + 1}`).toBe(true);
      expect((await t.startLoginAttempt(email, ip)).ok).toBe(false);
    });

    it("a refused attempt takes no point from the other limiter", async () => {
      const locked = `${fresh("locked")}@example.test`;
      for (let i = 0; i < MAX; i++) expect((await t.startLoginAttempt(locked, fresh("ip"))).ok).toBe(true);
      const ip = fresh("ip");
      // 30 refusals for the locked e-mail from one IP leave the IP's budget whole.
      for (let i = 0; i < 30; i++) expect((await t.startLoginAttempt(locked, ip)).ok).toBe(false);
      const others = await Promise.all(Array.from({ length: 4 * MAX + 1 }, () => t.startLoginAttempt(`${fresh("u")}@example.test`, ip)));
      expect(others.filter((r) => r.ok)).toHaveLength(4 * MAX);
    });

    it("keeps an attempt in scope for the password check, only for its own e-mail", async () => {
      const email = `${fresh("u")}@example.test`;
      const r = await t.startLoginAttempt(email, fresh("ip"));
      if (!r.ok) throw new Error("refused");
      expect(t.currentLoginAttempt(email)).toBeUndefined();
      await t.withLoginAttempt(r.attempt, async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        expect(t.currentLoginAttempt(email.toUpperCase())).toBe(r.attempt);
        expect(t.currentLoginAttempt(`other-${email}`)).toBeUndefined();
      });
      expect(t.currentLoginAttempt(email)).toBeUndefined();
    });
  });
}

suite("in memory", () => load({ REDIS_URL: undefined, LOGIN_MAX_ATTEMPTS: String(MAX) }));

const redisAvailable = !!redisServerBin();
let redis: Service | undefined;
if (redisAvailable) {
  suite("on Redis", async () => {
    redis = await startRedis();
    return load({ REDIS_URL: redis.url, LOGIN_MAX_ATTEMPTS: String(MAX) });
  });
} else {
  describe.skip("on Redis (redis-server not found)", () => it("skipped", () => {}));
}

afterAll(async () => {
  const { getRedis } = await import("@/lib/redis");
  getRedis()?.disconnect();
  await redis?.stop();
  delete process.env.REDIS_URL;
});
