// GETs through the response cache: fresh hits answer at once; misses are coalesced (in this process
// and across instances with a lock) and fetched once; a spent budget serves a stale copy if any.
import "server-only";
import { performance } from "node:perf_hooks";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { acquireFetchLock, cacheConfig, cacheKey, coalesce, deepFreeze, readCache, waitForFreshEntry, writeCache, type CacheEntry, type CacheStatus } from "./cache";
import { isWhatTalkError } from "./errors";
import { BACKOFF_CAP_MS, send, type UpstreamRequest } from "./send";
import type { RequestOptions, WhatTalkContext, WhatTalkMeta, WhatTalkResult } from "./types";
import { resolveKey } from "./unauthorized";

interface Outcome<T> {
  data: T;
  fetchedAt: number;
  cache: CacheStatus;
  attempts: number;
  status: number | null;
}

function meta(o: Pick<Outcome<unknown>, "fetchedAt" | "cache" | "attempts">): WhatTalkMeta {
  return {
    cache: o.cache,
    fetchedAt: new Date(o.fetchedAt).toISOString(),
    ageSeconds: Math.max(0, Math.floor((Date.now() - o.fetchedAt) / 1000)),
    attempts: o.attempts,
  };
}

export function logCall(ctx: WhatTalkContext, req: { method: string; path: string }, started: number, fields: { status: number | null; attempts: number; cache: CacheStatus | null; outcome: string }) {
  const line = {
    module: "whattalk",
    teamId: ctx.teamId,
    credentialId: ctx.credentialId,
    method: req.method,
    path: req.path,
    status: fields.status,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    attempts: fields.attempts,
    cache: fields.cache,
    outcome: fields.outcome,
  };
  if (fields.outcome === "ok") logger.info(line, "whattalk request");
  else logger.warn(line, "whattalk request failed");
}

function raceAbort<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    // The caller is gone but the shared request runs on (for other waiters): its failure is
    // nobody's to report here, and must not become an unhandled rejection.
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (err) => {
        signal.removeEventListener("abort", onAbort);
        reject(err);
      },
    );
  });
}

/** One GET as the callers sharing its cache key see it. */
interface SharedGet<T> {
  ctx: WhatTalkContext;
  req: UpstreamRequest<T>;
  key: string;
  stale: CacheEntry<T> | null;
  enabled: boolean;
  cacheable: (data: T) => boolean;
}

/** The shared fetch behind one cache key: another instance's answer (lock), or the upstream; a stale copy when the budget is spent. */
async function fetchShared<T>({ ctx, req, key, stale, enabled, cacheable }: SharedGet<T>): Promise<Outcome<T>> {
  const e = env();
  // Other instances: the lock holder fetches, the rest wait for its answer in the cache.
  const lockTtl = Math.min(60_000, (e.WHATTALK_TIMEOUT_MS + BACKOFF_CAP_MS) * (1 + e.WHATTALK_MAX_RETRIES) + 1_000);
  let lock = await acquireFetchLock(key, lockTtl);
  if (lock === null) {
    const shared = await waitForFreshEntry<T>(key, lockTtl);
    if (shared) return { data: shared.data, fetchedAt: shared.fetchedAt, cache: "coalesced", attempts: 0, status: null };
    lock = await acquireFetchLock(key, lockTtl);
  }
  try {
    const apiKey = await resolveKey(ctx);
    const res = await send(ctx, req, apiKey, { idempotent: true });
    const entry: CacheEntry<T> = { data: deepFreeze(res.data), fetchedAt: Date.now() };
    if (enabled && cacheable(res.data)) await writeCache(key, entry, res.bytes);
    return { ...entry, cache: "miss", attempts: res.attempts, status: res.status };
  } catch (error) {
    if (isWhatTalkError(error, "budget_exhausted") && stale) {
      return { data: stale.data, fetchedAt: stale.fetchedAt, cache: "stale", attempts: 0, status: null };
    }
    throw error;
  } finally {
    await lock?.release();
  }
}

/**
 * A coalesced caller shares the leader's request and its failure, except when the leader's own
 * share of the budget was spent: then it asks itself (as the next leader; a few rounds at most).
 * A member whose share is spent still gets a stale copy when there is one.
 */
async function sharedOutcome<T>(get: SharedGet<T>, opts: RequestOptions, started: number): Promise<{ outcome: Outcome<T>; leader: boolean }> {
  const { ctx, req, key, stale } = get;
  for (let round = 1; ; round++) {
    // The index sync never shares a request with people: its budget refusal must not become theirs.
    const shared = coalesce<Outcome<T>>(ctx.purpose === "sync" ? `${key}|sync` : key, () => fetchShared(get));
    const leader = shared.leader;
    try {
      return { outcome: await raceAbort(shared.promise, opts.signal), leader };
    } catch (error) {
      if (isWhatTalkError(error, "member_share_exhausted")) {
        if (!leader && round < 3) continue;
        if (stale) return { outcome: { data: stale.data, fetchedAt: stale.fetchedAt, cache: "stale", attempts: 0, status: null }, leader };
      }
      if (isWhatTalkError(error)) {
        logCall(ctx, req, started, { status: error.status ?? null, attempts: leader ? (error.attempts ?? 0) : 0, cache: leader ? "miss" : "coalesced", outcome: error.kind });
      }
      throw error;
    }
  }
}

/** A GET answered from the cache when fresh, else fetched once for all concurrent callers. */
export async function cachedGet<T>(ctx: WhatTalkContext, req: UpstreamRequest<T>, opts: RequestOptions, cacheable: (data: T) => boolean): Promise<WhatTalkResult<T>> {
  const started = performance.now();
  const { enabled } = cacheConfig();
  try {
    const key = await cacheKey(ctx, `${req.method} ${req.path}`, req.query);
    const cached = enabled ? await readCache<T>(key) : null;
    if (cached?.fresh && opts.cache !== false) {
      logCall(ctx, req, started, { status: null, attempts: 0, cache: "hit", outcome: "ok" });
      return { data: cached.entry.data, meta: meta({ ...cached.entry, cache: "hit", attempts: 0 }) };
    }
    const stale: CacheEntry<T> | null = cached?.entry ?? null;
    const { outcome, leader } = await sharedOutcome({ ctx, req, key, stale, enabled, cacheable }, opts, started);
    const cache: CacheStatus = leader || outcome.cache === "stale" ? outcome.cache : "coalesced";
    const attempts = leader ? outcome.attempts : 0;
    logCall(ctx, req, started, { status: outcome.status, attempts, cache, outcome: "ok" });
    return { data: outcome.data, meta: meta({ fetchedAt: outcome.fetchedAt, cache, attempts }) };
  } catch (error) {
    if (!isWhatTalkError(error)) logCall(ctx, req, started, { status: null, attempts: 0, cache: null, outcome: opts.signal?.aborted ? "aborted" : "error" });
    throw error;
  }
}
