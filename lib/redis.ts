// The one shared Redis client (ioredis), when REDIS_URL is set. Used for the per-team upstream
// budget, the WhatTalk response cache and cross-instance request coalescing. Without REDIS_URL
// every instance keeps those in memory (fine for one instance, not shared between several).
import "server-only";
import { Redis } from "ioredis";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";

const globalForRedis = globalThis as unknown as { __portalRedis?: { url: string; client: Redis } };

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ""}${u.pathname}`;
  } catch {
    return "(invalid url)";
  }
}

/** The shared client, created on first use; null when REDIS_URL is not set. */
export function getRedis(): Redis | null {
  const url = env().REDIS_URL;
  if (!url) return null;
  const existing = globalForRedis.__portalRedis;
  if (existing && existing.url === url) return existing.client;
  if (existing) existing.client.disconnect();
  const client = new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: true,
    maxRetriesPerRequest: 2,
    connectTimeout: 5_000,
    // Reconnect forever with a capped backoff; commands fail fast (maxRetriesPerRequest) meanwhile.
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  let lastError = 0;
  client.on("error", (error: Error) => {
    // ioredis emits on every failed reconnect: log at most once per 10 s, without the URL.
    const now = Date.now();
    if (now - lastError < 10_000) return;
    lastError = now;
    logger.warn({ module: "redis", target: redactUrl(url), err: { message: error.message } }, "redis error");
  });
  globalForRedis.__portalRedis = { url, client };
  return client;
}

/** Closes the shared client (tests, graceful shutdown). */
export async function closeRedis(): Promise<void> {
  const existing = globalForRedis.__portalRedis;
  globalForRedis.__portalRedis = undefined;
  if (!existing) return;
  try {
    await existing.client.quit();
  } catch {
    existing.client.disconnect();
  }
}
