import "server-only";
import { LRUCache } from "lru-cache";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { jobQueueStatus } from "@/lib/jobs";
import { getRedis } from "@/lib/redis";

type Check = { status: "ok" | "error" | "skipped"; latencyMs?: number; message?: string };
export type HealthReport = { status: "ok" | "degraded"; checks: { database: Check; redis: Check; whattalk: Check; jobs: Check } };
/** A report with the time its checks finished: answers share it while it is cached. */
export type CachedHealthReport = HealthReport & { checkedAt: string };

/** The job queue in this process (lib/jobs): up, not started, or failing; elsewhere when a separate worker runs it. */
export function jobsCheck(): Check {
  const where = env().INDEX_WORKER;
  if (where !== "internal") return { status: "skipped", message: where === "external" ? "runs in a separate worker (INDEX_WORKER=external)" : "off (INDEX_WORKER=off)" };
  const status = jobQueueStatus();
  if (status === "up") return { status: "ok", message: "up" };
  if (status === "failing") return { status: "error", message: "failing" };
  return { status: "skipped", message: status === "starting" ? "starting" : status === "stopped" ? "stopped" : "not started" };
}

/** Each check answers within its limit: a hung dependency makes the probe fail, not hang. */
const CHECK_TIMEOUT_MS = { database: 2_000, redis: 2_000, whattalk: 3_000 };

class CheckTimeout extends Error {
  name = "TimeoutError";
}

async function timed(fn: () => Promise<unknown>, timeoutMs: number): Promise<Check> {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new CheckTimeout()), timeoutMs);
      }),
    ]);
    return { status: "ok", latencyMs: Math.round(performance.now() - t0) };
  } catch (error) {
    const message = error instanceof Error && error.name === "TimeoutError" ? "timed out" : "unreachable";
    return { status: "error", latencyMs: Math.round(performance.now() - t0), message };
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(): Promise<HealthReport> {
  const redis = getRedis();
  const [database, redisCheck, whattalk] = await Promise.all([
    timed(() => db().$queryRaw`SELECT 1`, CHECK_TIMEOUT_MS.database),
    redis ? timed(() => redis.ping(), CHECK_TIMEOUT_MS.redis) : Promise.resolve<Check>({ status: "skipped", message: "REDIS_URL not set" }),
    // Any HTTP answer (401 without a key is expected) means WhatTalk is reachable.
    timed(
      () => fetch(`${env().WHATTALK_API_URL}/user/calls?per_page=1`, { method: "GET", headers: { Accept: "application/json" }, signal: AbortSignal.timeout(CHECK_TIMEOUT_MS.whattalk) }).then((r) => r.body?.cancel()),
      CHECK_TIMEOUT_MS.whattalk,
    ),
  ]);
  // WhatTalk being down, or the job queue failing, degrades features but the portal itself still
  // serves (and explains) pages.
  const status = database.status === "ok" && redisCheck.status !== "error" ? "ok" : "degraded";
  return { status, checks: { database, redis: redisCheck, whattalk, jobs: jobsCheck() } };
}

/** How long a report is reused: a healthy one 5 s, one with any failing check 1 s (recovery shows fast). */
export const HEALTH_CACHE_MS = { ok: 5_000, failing: 1_000 };

const reports = new LRUCache<"health", CachedHealthReport>({
  max: 1,
  ttl: HEALTH_CACHE_MS.ok,
  async fetchMethod(_key, _stale, { options }) {
    const report = await checkHealth();
    if (report.status !== "ok" || Object.values(report.checks).some((c) => c.status === "error")) options.ttl = HEALTH_CACHE_MS.failing;
    return { ...report, checkedAt: new Date().toISOString() };
  },
});

/**
 * The health report /api/health answers with: at most one run of the checks per instance at a time
 * and per cache period, however many probes arrive (concurrent ones wait for the same run), so the
 * endpoint cannot be used to multiply load on the database, Redis or WhatTalk.
 */
export async function getHealth(): Promise<CachedHealthReport> {
  return (await reports.fetch("health"))!;
}
