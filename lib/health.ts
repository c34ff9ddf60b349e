import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { getRedis } from "@/lib/redis";

type Check = { status: "ok" | "error" | "skipped"; latencyMs?: number; message?: string };
export type HealthReport = { status: "ok" | "degraded"; checks: { database: Check; redis: Check; whattalk: Check } };

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
  // WhatTalk being down degrades features but the portal itself still serves (and explains) pages.
  const status = database.status === "ok" && redisCheck.status !== "error" ? "ok" : "degraded";
  return { status, checks: { database, redis: redisCheck, whattalk } };
}
