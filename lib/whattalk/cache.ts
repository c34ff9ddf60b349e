// Response cache (memory or Redis) and request coalescing for the WhatTalk client, keyed per team and
// credential. Keys, lifetimes and cross-instance coalescing: docs/design-notes.md.
import "server-only";
import { randomUUID } from "node:crypto";
import { LRUCache } from "lru-cache";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { getRedis } from "@/lib/redis";
import type { Redis } from "ioredis";
import type { WhatTalkContext } from "./types";

export type CacheStatus = "hit" | "miss" | "stale" | "coalesced";

export interface CacheEntry<T> {
  data: T;
  /** Epoch ms the answer was fetched from WhatTalk. */
  fetchedAt: number;
}

export interface CacheScope {
  teamId: string;
  credentialId: string;
}

/** How long entries stay available for serving stale when the budget is spent. */
export const STALE_RETENTION_MS = 10 * 60_000;
const MEMORY_MAX_BYTES = 64 * 1024 * 1024;
const REDIS_OP_TIMEOUT_MS = 1_000;
const POLL_MS = 50;
const PREFIX = "wt:v1";
/** Generation used when the store is unreachable: such keys are never read or written. */
const UNAVAILABLE = "unavailable";
const isUnavailable = (key: string) => key.includes(`:${UNAVAILABLE}:`);

export function cacheConfig(): { enabled: boolean; ttlMs: number; staleMs: number } {
  const ttlMs = env().WHATTALK_CACHE_TTL_MS;
  return { enabled: ttlMs > 0, ttlMs, staleMs: ttlMs > 0 ? Math.max(ttlMs, STALE_RETENTION_MS) : 0 };
}

/**
 * Query params as strings, without empty values, defaults applied, sorted by name, so that
 * `{page: 1}`, `{page: "1"}` and `{}` (page defaulting to 1) are one key.
 */
export function normaliseQuery(query: Record<string, unknown>, defaults: Record<string, string | number> = {}): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const [k, v] of Object.entries(defaults)) merged[k] = String(v);
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue;
    const s = String(v).trim();
    if (s === "") continue;
    merged[k] = s;
  }
  return Object.fromEntries(Object.keys(merged).sort().map((k) => [k, merged[k]]));
}

const enc = encodeURIComponent;

function withTimeout<T>(promise: Promise<T>, ms = REDIS_OP_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`redis operation timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function warn(op: string, error: unknown) {
  logger.warn({ module: "whattalk-cache", op, err: { message: (error as Error)?.message } }, "cache store failed; continuing without it");
}

// ---------------------------------------------------------------------------------------------
// Memory store

interface MemoryEntry {
  json: CacheEntry<unknown>;
  size: number;
}

const memory = new LRUCache<string, MemoryEntry>({
  max: 20_000,
  maxSize: MEMORY_MAX_BYTES,
  sizeCalculation: (e) => Math.max(1, e.size),
});
const memoryGenerations = new Map<string, number>();

/** Size of this instance's in-memory response cache (for the SIGUSR2 diagnostics line, see instrumentation.ts). */
export function memoryCacheStats(): { entries: number; bytes: number; maxBytes: number; inflight: number } {
  return { entries: memory.size, bytes: memory.calculatedSize, maxBytes: MEMORY_MAX_BYTES, inflight: inflight.size };
}
(globalThis as { __portalResponseCacheStats?: typeof memoryCacheStats }).__portalResponseCacheStats = memoryCacheStats;

/**
 * The Redis client when configured: "down" while it is not connected (then the cache is skipped:
 * falling back to memory would serve answers another instance has invalidated).
 */
function store(): Redis | "down" | null {
  const redis = getRedis();
  if (!redis) return null;
  return redis.status === "ready" ? redis : "down";
}

// ---------------------------------------------------------------------------------------------
// Keys

const genKey = (teamId: string) => `${PREFIX}:gen:${enc(teamId)}`;
const teamPrefix = (teamId: string) => `${PREFIX}:c:${enc(teamId)}:`;

async function generation(teamId: string): Promise<string> {
  const redis = store();
  if (!redis) return String(memoryGenerations.get(teamId) ?? 0);
  if (redis === "down") return UNAVAILABLE;
  try {
    return (await withTimeout(redis.get(genKey(teamId)))) ?? "0";
  } catch (error) {
    warn("generation", error);
    return UNAVAILABLE;
  }
}

/** The cache (and coalescing) key of one upstream request of one team's credential. */
export async function cacheKey(scope: CacheScope, resource: string, query: Record<string, string>): Promise<string> {
  const gen = await generation(scope.teamId);
  const qs = new URLSearchParams(Object.entries(query).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))).toString();
  return `${teamPrefix(scope.teamId)}${gen}:${enc(scope.credentialId)}:${resource}?${qs}`;
}

// ---------------------------------------------------------------------------------------------
// Read / write

/** The entry under `key`, fresh or stale; null when absent, expired or caching is off. */
export async function readCache<T>(key: string): Promise<{ entry: CacheEntry<T>; fresh: boolean } | null> {
  const { enabled, ttlMs } = cacheConfig();
  if (!enabled || isUnavailable(key)) return null;
  let entry: CacheEntry<T> | undefined;
  const redis = store();
  if (redis === "down") return null;
  if (redis) {
    try {
      const raw = await withTimeout(redis.get(`${key}`));
      if (raw) entry = deepFreeze(JSON.parse(raw) as CacheEntry<T>);
    } catch (error) {
      warn("read", error);
      return null;
    }
  } else {
    entry = memory.get(key)?.json as CacheEntry<T> | undefined;
  }
  if (!entry || typeof entry.fetchedAt !== "number") return null;
  return { entry, fresh: Date.now() - entry.fetchedAt < ttlMs };
}

/** Stores an answer (frozen: callers share it). `size` is its approximate size in bytes. */
export async function writeCache<T>(key: string, entry: CacheEntry<T>, size: number): Promise<void> {
  const { enabled, staleMs } = cacheConfig();
  if (!enabled || isUnavailable(key)) return;
  const redis = store();
  if (redis === "down") return;
  if (redis) {
    try {
      await withTimeout(redis.set(key, JSON.stringify(entry), "PX", staleMs));
    } catch (error) {
      warn("write", error);
    }
    return;
  }
  memory.set(key, { json: deepFreeze(entry), size }, { ttl: staleMs });
}

/**
 * Forgets everything cached for the team of `ctx` (all its credentials), in every instance when on
 * Redis. `ctx`: a WhatTalk context, or the team actor of the service that changed the key.
 */
export async function invalidateTeam(ctx: Pick<WhatTalkContext, "teamId">): Promise<void> {
  const teamId = ctx.teamId;
  memoryGenerations.set(teamId, (memoryGenerations.get(teamId) ?? 0) + 1);
  const prefix = teamPrefix(teamId);
  for (const key of memory.keys()) if (key.startsWith(prefix)) memory.delete(key);
  const redis = getRedis();
  if (redis) {
    try {
      // Even while reconnecting (queued): an invalidation must not be lost.
      // Old entries stay until they expire but are never read again (the key includes the generation).
      await withTimeout(redis.incr(genKey(teamId)));
    } catch (error) {
      warn("invalidate", error);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Coalescing

const inflight = new Map<string, Promise<unknown>>();

/**
 * Runs `run` unless an identical request (same key) is already running in this process, in which
 * case its promise is shared. `leader` tells the caller which one it was.
 */
export function coalesce<T>(key: string, run: () => Promise<T>): { promise: Promise<T>; leader: boolean } {
  const existing = inflight.get(key) as Promise<T> | undefined;
  if (existing) return { promise: existing, leader: false };
  const promise = (async () => {
    try {
      return await run();
    } finally {
      inflight.delete(key);
    }
  })();
  inflight.set(key, promise);
  return { promise, leader: true };
}

/** Number of distinct upstream requests being coalesced right now (for tests and metrics). */
export function inflightCount(): number {
  return inflight.size;
}

export interface FetchLock {
  release(): Promise<void>;
}

const NO_LOCK: FetchLock = { release: async () => {} };
const RELEASE_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

/**
 * Cross-instance coalescing (Redis only, caching on): a lock for fetching `key`. Returns a lock
 * to release after storing the answer, or null when another instance holds it (then call
 * waitForFreshEntry). Without Redis (or when Redis fails) returns a no-op lock.
 */
export async function acquireFetchLock(key: string, ttlMs: number): Promise<FetchLock | null> {
  const redis = store();
  if (!redis || redis === "down" || !cacheConfig().enabled || isUnavailable(key)) return NO_LOCK;
  const lockKey = `${PREFIX}:lock:${key}`;
  const token = randomUUID();
  try {
    const ok = await withTimeout(redis.set(lockKey, token, "PX", Math.max(1, Math.round(ttlMs)), "NX"));
    if (ok !== "OK") return null;
  } catch (error) {
    warn("lock", error);
    return NO_LOCK;
  }
  return {
    async release() {
      try {
        await withTimeout(redis.eval(RELEASE_SCRIPT, 1, lockKey, token));
      } catch (error) {
        warn("unlock", error);
      }
    },
  };
}

/**
 * Waits (polling) for another instance to store a fresh answer under `key`. Returns it, or null
 * when the other instance's lock is gone without a fresh answer, or after `maxWaitMs`.
 */
export async function waitForFreshEntry<T>(key: string, maxWaitMs: number): Promise<CacheEntry<T> | null> {
  const redis = store();
  if (!redis || redis === "down") return null;
  const { ttlMs } = cacheConfig();
  const lockKey = `${PREFIX}:lock:${key}`;
  const deadline = Date.now() + maxWaitMs;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    try {
      const [raw, lock] = await withTimeout(redis.mget(key, lockKey));
      if (raw) {
        const entry = JSON.parse(raw) as CacheEntry<T>;
        if (Date.now() - entry.fetchedAt < ttlMs) return deepFreeze(entry);
      }
      if (!lock) return null;
    } catch (error) {
      warn("wait", error);
      return null;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------

/** Freezes a JSON value in place (cached answers are shared between callers: read-only). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/** For tests: empties the memory cache and generations (Redis entries are left to expire). */
export function resetCacheForTests(): void {
  memory.clear();
  memoryGenerations.clear();
  inflight.clear();
}
