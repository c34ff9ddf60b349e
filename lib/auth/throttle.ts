import "server-only";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { getRedis } from "@/lib/redis";

// Failed sign-ins per e-mail and per IP per minute. Memory by default; Redis (shared by every app
// instance) when REDIS_URL is set. Only failures count; a success clears the e-mail's counter.
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

/** Seconds to wait before another attempt is allowed, or 0 when allowed now. */
export async function loginBlockedFor(email: string, ip: string): Promise<number> {
  const { email: byEmail, ip: byIp } = get();
  const [e, i] = await Promise.all([byEmail.get(emailKey(email)), byIp.get(ip)]);
  let wait = 0;
  if (e && e.consumedPoints >= byEmail.points) wait = Math.max(wait, e.msBeforeNext);
  if (i && i.consumedPoints >= byIp.points) wait = Math.max(wait, i.msBeforeNext);
  return wait > 0 ? Math.max(1, Math.ceil(wait / 1000)) : 0;
}

export async function recordLoginFailure(email: string, ip: string): Promise<void> {
  const { email: byEmail, ip: byIp } = get();
  await Promise.all([byEmail.penalty(emailKey(email), 1), byIp.penalty(ip, 1)]);
}

export async function recordLoginSuccess(email: string): Promise<void> {
  await get().email.delete(emailKey(email));
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
