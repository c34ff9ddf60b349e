// API-key authentication and the per-key rate limit of the simulated API.

import type { IncomingMessage } from "node:http";

import type { SimAccount } from "./data";
import { sendJson, type Ctx } from "./http";

export function bearerKey(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(.+)$/i.exec(h.trim());
  return m ? m[1].trim() : null;
}

/** The key's last 4 characters, as recorded in the request log. */
export function keyHintOf(key: string | null): string | null {
  return key && key.length > 4 ? key.slice(-4) : null;
}

/** The caller's key and account, or null after answering 401. */
export function authenticate(ctx: Ctx): { key: string; account: SimAccount } | null {
  const key = bearerKey(ctx.req);
  const account = key ? ctx.sim.store.account(key) : undefined;
  if (!key || !account) {
    sendJson(ctx, 401, { message: "Unauthenticated.", error: "Invalid API key" });
    return null;
  }
  return { key, account };
}

/** Counts the request against the key's limits (when set); false after answering 429. */
export function withinRateLimit(ctx: Ctx, key: string): boolean {
  const { faults, limiter } = ctx.sim;
  if (faults.rateLimitPerMinute <= 0 && faults.rateBurstPer10s <= 0) return true;
  const d = limiter.hit(key, faults.rateLimitPerMinute, faults.rateBurstPer10s, Date.now());
  ctx.headers["X-RateLimit-Limit"] = String(d.limit);
  if (!d.ok) {
    ctx.headers["X-RateLimit-Remaining"] = "0";
    sendJson(ctx, 429, { message: "Too Many Attempts." }, { "Retry-After": String(d.retryAfter), "X-RateLimit-Reset": String(d.resetAt) });
    return false;
  }
  ctx.headers["X-RateLimit-Remaining"] = String(d.remaining);
  return true;
}
