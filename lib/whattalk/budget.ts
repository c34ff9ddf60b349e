// Limits on what the portal asks of WhatTalk: the team budget, each member's fair share, the retry
// budget. How each is counted and stored: docs/design-notes.md.
import "server-only";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { getRedis } from "@/lib/redis";

const WINDOW_SECONDS = 60;

export type BudgetDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

type Cached = { signature: string; instance: RateLimiterAbstract };

/**
 * Next bundles route handlers and pages separately, each with its own copy of this module: the
 * limiters and retry windows live on globalThis, so one process keeps one of each (as lib/db.ts does).
 */
export const BUDGET_STATE_KEY = Symbol.for("portal.whattalk.budget");
type BudgetState = { team?: Cached; member?: Cached; sync?: Cached; retryWindows: Map<string, RetryWindow> };
const state = ((globalThis as Record<symbol, unknown>)[BUDGET_STATE_KEY] ??= { retryWindows: new Map() }) as BudgetState;

function makeLimiter(points: number, prefix: string, previous: Cached | undefined): Cached {
  const redis = getRedis();
  const signature = `${points}|${redis ? "redis" : "memory"}`;
  if (previous?.signature === signature) return previous;
  const memory = new RateLimiterMemory({ points, duration: WINDOW_SECONDS, keyPrefix: `wt-${prefix}` });
  const instance = redis
    ? new RateLimiterRedis({
        storeClient: redis,
        points,
        duration: WINDOW_SECONDS,
        keyPrefix: `wt:${prefix}`,
        rejectIfRedisNotReady: true,
        insuranceLimiter: memory,
      })
    : memory;
  return { signature, instance };
}

function teamLimiter(): RateLimiterAbstract {
  state.team = makeLimiter(env().WHATTALK_TEAM_BUDGET_PER_MINUTE, "budget", state.team);
  return state.team.instance;
}

/** Upstream requests one member may make per minute: their share of the team budget (at least 1). */
export function memberSharePerMinute(): number {
  const e = env();
  return Math.max(1, Math.floor(e.WHATTALK_TEAM_BUDGET_PER_MINUTE * e.WHATTALK_MEMBER_SHARE));
}

function shareLimiter(): RateLimiterAbstract {
  state.member = makeLimiter(memberSharePerMinute(), "member", state.member);
  return state.member.instance;
}

async function consume(instance: RateLimiterAbstract, key: string, points: number, log: Record<string, unknown>): Promise<BudgetDecision> {
  try {
    const res = await instance.consume(key, points);
    return { ok: true, remaining: res.remainingPoints };
  } catch (error) {
    // A refusal (RateLimiterRes), recognised by shape: the limiter may come from another bundle's copy of the library.
    const msBeforeNext = (error as { msBeforeNext?: unknown } | null)?.msBeforeNext;
    if (typeof msBeforeNext === "number") return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)) };
    // Store failure with no insurance left: fail open (the budget protects WhatTalk, it is not
    // an access control), and say so.
    logger.warn({ module: "whattalk", ...log, err: { message: (error as Error)?.message } }, "request budget store failed; request allowed");
    return { ok: true, remaining: 0 };
  }
}

/** Takes `points` (default 1) from the team's budget. Never throws. */
export function consumeTeamBudget(teamId: string, points = 1): Promise<BudgetDecision> {
  return consume(teamLimiter(), teamId, points, { teamId });
}

/** Takes one request from the member's share of the team budget. Never throws. */
export function consumeMemberShare(teamId: string, memberId: string): Promise<BudgetDecision> {
  return consume(shareLimiter(), `${teamId}:${memberId}`, 1, { teamId, memberId });
}

/** Gives back a request taken from the member's share (the team budget refused it after all). Never throws. */
export async function refundMemberShare(teamId: string, memberId: string): Promise<void> {
  try {
    await shareLimiter().reward(`${teamId}:${memberId}`, 1);
  } catch {
    // A lost refund only makes the share stricter until the window ends.
  }
}

/** Upstream requests the background index sync may make per minute: INDEX_BUDGET_SHARE of the team budget (at least 1). */
export function syncSharePerMinute(): number {
  const e = env();
  return Math.max(1, Math.floor(e.WHATTALK_TEAM_BUDGET_PER_MINUTE * e.INDEX_BUDGET_SHARE));
}

function syncLimiter(): RateLimiterAbstract {
  state.sync = makeLimiter(syncSharePerMinute(), "sync", state.sync);
  return state.sync.instance;
}

async function consumedIn(instance: RateLimiterAbstract, key: string): Promise<{ used: number; msBeforeNext: number }> {
  try {
    const res = await instance.get(key);
    return res ? { used: res.consumedPoints, msBeforeNext: res.msBeforeNext } : { used: 0, msBeforeNext: 0 };
  } catch {
    return { used: 0, msBeforeNext: 0 };
  }
}

/**
 * Takes one request for the background index sync: only what people have left unused in the team's
 * current window, up to the sync's share. It is counted apart, so people's requests are never refused
 * because of it. Never throws.
 */
export async function consumeSyncBudget(teamId: string): Promise<BudgetDecision> {
  const limit = env().WHATTALK_TEAM_BUDGET_PER_MINUTE;
  const [people, synced] = await Promise.all([consumedIn(teamLimiter(), teamId), consumedIn(syncLimiter(), teamId)]);
  if (people.used + synced.used >= limit) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(Math.max(people.msBeforeNext, synced.msBeforeNext) / 1000)) };
  return consume(syncLimiter(), teamId, 1, { teamId, purpose: "sync" });
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

const retryWindows = state.retryWindows;

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
  state.team = undefined;
  state.member = undefined;
  state.sync = undefined;
  retryWindows.clear();
}
