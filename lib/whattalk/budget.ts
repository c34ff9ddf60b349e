// Limits on what the portal asks of WhatTalk, per team.
//
// 1. The team budget: WHATTALK_TEAM_BUDGET_PER_MINUTE upstream requests per 60 s window, every
//    attempt counted (retries included). rate-limiter-flexible: RateLimiterRedis when REDIS_URL is
//    set, so the budget holds across all instances; RateLimiterMemory otherwise. If Redis fails,
//    an in-memory insurance limiter (per instance) takes over rather than letting requests through
//    unlimited or failing them all.
// 2. The retry budget (per instance, in memory): retries may add at most 10% of the team's recent
//    first attempts plus a small floor, over a sliding minute, so a failing upstream is not
//    hammered by every caller's retries.
import "server-only";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { getRedis } from "@/lib/redis";

const WINDOW_SECONDS = 60;

export type BudgetDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

let limiter: { signature: string; instance: RateLimiterAbstract } | undefined;

function teamLimiter(): RateLimiterAbstract {
  const points = env().WHATTALK_TEAM_BUDGET_PER_MINUTE;
  const redis = getRedis();
  const signature = `${points}|${redis ? "redis" : "memory"}`;
  if (limiter?.signature === signature) return limiter.instance;
  const memory = new RateLimiterMemory({ points, duration: WINDOW_SECONDS, keyPrefix: "wt-budget" });
  const instance = redis
    ? new RateLimiterRedis({
        storeClient: redis,
        points,
        duration: WINDOW_SECONDS,
        keyPrefix: "wt:budget",
        rejectIfRedisNotReady: true,
        insuranceLimiter: memory,
      })
    : memory;
  limiter = { signature, instance };
  return instance;
}

/** Takes `points` (default 1) from the team's budget. Never throws. */
export async function consumeTeamBudget(teamId: string, points = 1): Promise<BudgetDecision> {
  try {
    const res = await teamLimiter().consume(teamId, points);
    return { ok: true, remaining: res.remainingPoints };
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
    }
    // Store failure with no insurance left: fail open (the budget protects WhatTalk, it is not
    // an access control), and say so.
    logger.warn({ module: "whattalk", teamId, err: { message: (error as Error)?.message } }, "team budget store failed; request allowed");
    return { ok: true, remaining: 0 };
  }
}

/** The team's remaining budget in the current window (for the UI). */
export async function teamBudgetStatus(teamId: string): Promise<{ limit: number; remaining: number; resetInSeconds: number }> {
  const limit = env().WHATTALK_TEAM_BUDGET_PER_MINUTE;
  try {
    const res = await teamLimiter().get(teamId);
    if (!res) return { limit, remaining: limit, resetInSeconds: 0 };
    return { limit, remaining: Math.max(0, limit - res.consumedPoints), resetInSeconds: Math.ceil(res.msBeforeNext / 1000) };
  } catch {
    return { limit, remaining: limit, resetInSeconds: 0 };
  }
}

// ---------------------------------------------------------------------------------------------
// Retry budget

/** Retries may be at most this share of first attempts... */
export const RETRY_RATIO = 0.1;
/** ...plus this many per minute per team. */
export const RETRY_FLOOR_PER_MINUTE = 10;
const BUCKET_MS = 10_000;
const BUCKETS = 6;

interface RetryWindow {
  /** Start time of each bucket and its counts. */
  start: number[];
  requests: number[];
  retries: number[];
}

const retryWindows = new Map<string, RetryWindow>();

function windowFor(teamId: string, now: number): RetryWindow {
  let w = retryWindows.get(teamId);
  if (!w) {
    w = { start: new Array(BUCKETS).fill(0), requests: new Array(BUCKETS).fill(0), retries: new Array(BUCKETS).fill(0) };
    retryWindows.set(teamId, w);
    if (retryWindows.size > 10_000) {
      // Bounded: forget the oldest teams.
      const first = retryWindows.keys().next().value;
      if (first !== undefined) retryWindows.delete(first);
    }
  }
  const slot = Math.floor(now / BUCKET_MS);
  const i = slot % BUCKETS;
  if (w.start[i] !== slot) {
    w.start[i] = slot;
    w.requests[i] = 0;
    w.retries[i] = 0;
  }
  return w;
}

function totals(w: RetryWindow, now: number) {
  const slot = Math.floor(now / BUCKET_MS);
  let requests = 0;
  let retries = 0;
  for (let i = 0; i < BUCKETS; i++) {
    if (slot - w.start[i] < BUCKETS) {
      requests += w.requests[i];
      retries += w.retries[i];
    }
  }
  return { requests, retries };
}

/** Counts a first attempt (a new logical request) of the team. */
export function recordFirstAttempt(teamId: string, now = Date.now()): void {
  const w = windowFor(teamId, now);
  w.requests[Math.floor(now / BUCKET_MS) % BUCKETS]++;
}

/** Takes one retry from the team's retry budget; false when retries are spent. */
export function tryTakeRetry(teamId: string, now = Date.now()): boolean {
  const w = windowFor(teamId, now);
  const { requests, retries } = totals(w, now);
  if (retries >= RETRY_FLOOR_PER_MINUTE + Math.floor(requests * RETRY_RATIO)) return false;
  w.retries[Math.floor(now / BUCKET_MS) % BUCKETS]++;
  return true;
}

/** For tests: forget every budget (memory limiter and retry windows; Redis keys expire on their own). */
export function resetBudgetsForTests(): void {
  limiter = undefined;
  retryWindows.clear();
}
