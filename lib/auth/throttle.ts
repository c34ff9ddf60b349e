import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { getRedis } from "@/lib/redis";

// Password checks per e-mail (LOGIN_MAX_ATTEMPTS) and per IP (4×) per minute. Memory by default;
// Redis (shared by every app instance) when REDIS_URL is set.
//
// An attempt consumes its point on both limiters BEFORE the password is verified (rate-limiter-
// flexible's consume is atomic, in memory and in Redis), so however many attempts arrive at once, at
// most LOGIN_MAX_ATTEMPTS per e-mail per minute reach the password check. A correct password gives
// its own point back (reward); the failures before it keep counting until their minute is over. An
// attempt refused by either limiter gives back what it took, so the counters count exactly the
// attempts that reached the password check (or are at it now).
type Limiters = { email: RateLimiterAbstract; ip: RateLimiterAbstract };
let limiters: Limiters | undefined;

function create(): Limiters {
  const points = env().LOGIN_MAX_ATTEMPTS;
  const redis = getRedis();
  const make = (keyPrefix: string, p: number) =>
    redis
      ? new RateLimiterRedis({ storeClient: redis, keyPrefix, points: p, duration: 60, useRedisPackage: false })
      : new RateLimiterMemory({ keyPrefix, points: p, duration: 60 });
  return { email: make("login-email", points), ip: make("login-ip", points * 4) };
}

function get(): Limiters {
  limiters ??= create();
  return limiters;
}

const emailKey = (email: string) => email.trim().toLowerCase();

/** A password check that holds a point on each limiter. */
export type LoginAttempt = {
  /** The normalised e-mail the point was taken for. */
  readonly email: string;
  /** The password was right: give the points back. */
  succeeded(): Promise<void>;
};

type Taken = { limiter: RateLimiterAbstract; key: string; windowEndsAt: number };

// A point given back after its window ended would open a new window at -1 (one extra attempt): give
// back only while the window has clearly not ended yet.
const GIVE_BACK_MARGIN_MS = 1000;

async function giveBack(taken: Taken[]): Promise<void> {
  await Promise.all(taken.filter((t) => t.windowEndsAt - Date.now() > GIVE_BACK_MARGIN_MS).map((t) => t.limiter.reward(t.key, 1)));
}

/**
 * Takes a point for the e-mail and for the IP before a password is checked. Returns the attempt, or
 * the seconds to wait when either limit is used up (the attempt then takes nothing). A store failure
 * (Redis down) is thrown, after giving back what was taken.
 */
export async function startLoginAttempt(email: string, ip: string): Promise<{ ok: true; attempt: LoginAttempt } | { ok: false; retryAfterSeconds: number }> {
  const { email: byEmail, ip: byIp } = get();
  const key = emailKey(email);
  const wanted = [
    { limiter: byEmail, key },
    { limiter: byIp, key: ip },
  ];
  const started = Date.now();
  const results = await Promise.allSettled(wanted.map((w) => w.limiter.consume(w.key, 1)));
  // consume() counts the point even when it refuses it: every answered consume took one.
  const taken: Taken[] = [];
  let waitMs = 0;
  let failure: unknown;
  results.forEach((r, i) => {
    const res = r.status === "fulfilled" ? r.value : r.reason;
    if (res instanceof RateLimiterRes) taken.push({ ...wanted[i], windowEndsAt: started + res.msBeforeNext });
    if (r.status === "rejected") {
      if (res instanceof RateLimiterRes) waitMs = Math.max(waitMs, res.msBeforeNext);
      else failure ??= res;
    }
  });
  if (failure !== undefined || waitMs > 0) {
    await giveBack(taken);
    if (failure !== undefined) throw failure;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
  let settled = false;
  return {
    ok: true,
    attempt: {
      email: key,
      async succeeded() {
        if (settled) return;
        settled = true;
        await giveBack(taken);
      },
    },
  };
}

const current = new AsyncLocalStorage<LoginAttempt>();

/** Runs next-auth's handling of one credentials sign-in with its attempt in scope (see currentLoginAttempt). */
export function withLoginAttempt<T>(attempt: LoginAttempt, fn: () => Promise<T>): Promise<T> {
  return current.run(attempt, fn);
}

/**
 * The attempt the sign-in route started for this request, if it was for this e-mail. The credentials
 * provider verifies a password only then: a request whose e-mail the route read differently (another
 * body encoding, say) never reaches the password check without a point taken for its own e-mail.
 */
export function currentLoginAttempt(email: string): LoginAttempt | undefined {
  const attempt = current.getStore();
  return attempt && attempt.email === emailKey(email) ? attempt : undefined;
}

/**
 * The client's address for per-IP limits. Next sets X-Forwarded-For to the socket's address when
 * the request has none; a reverse proxy in front appends the address it saw. The right-most entry
 * is therefore the one written by the nearest party we run (a client can prepend anything, but
 * cannot change what is appended after it). Production behind a proxy: make it append
 * (nginx: `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`).
 */
export function clientIp(headers: Headers | Record<string, string | string[] | undefined>): string {
  const read = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const v = headers[name];
    return Array.isArray(v) ? v.join(",") : v;
  };
  const chain = (read("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return chain[chain.length - 1] || read("x-real-ip") || "unknown";
}

let signupLimiter: RateLimiterAbstract | undefined;

/** Sign-ups per IP per hour (each costs an argon2 hash): seconds to wait, or 0 when allowed. */
export async function consumeSignup(ip: string): Promise<number> {
  const redis = getRedis();
  signupLimiter ??= redis
    ? new RateLimiterRedis({ storeClient: redis, keyPrefix: "signup-ip", points: 20, duration: 3600, useRedisPackage: false })
    : new RateLimiterMemory({ keyPrefix: "signup-ip", points: 20, duration: 3600 });
  try {
    await signupLimiter.consume(ip);
    return 0;
  } catch (rejection) {
    const ms = (rejection as { msBeforeNext?: number }).msBeforeNext;
    if (typeof ms !== "number") throw rejection;
    return Math.max(1, Math.ceil(ms / 1000));
  }
}
