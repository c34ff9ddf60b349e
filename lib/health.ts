import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { getRedis } from "@/lib/redis";

type Check = { status: "ok" | "error" | "skipped"; latencyMs?: number; message?: string };
export type HealthReport = { status: "ok" | "degraded"; checks: { database: Check; redis: Check; whattalk: Check } };

async function timed(fn: () => Promise<unknown>): Promise<Check> {
  const t0 = performance.now();
  try {
    await fn();
    return { status: "ok", latencyMs: Math.round(performance.now() - t0) };
  } catch (error) {
    const message = error instanceof Error && error.name === "TimeoutError" ? "timed out" : "unreachable";
    return { status: "error", latencyMs: Math.round(performance.now() - t0), message };
  }
}

export async function checkHealth(): Promise<HealthReport> {
  const redis = getRedis();
  const [database, redisCheck, whattalk] = await Promise.all([
    timed(() => db().$queryRaw`SELECT 1`),
    redis ? timed(() => Promise.race([redis.ping(), new Promise((_, r) => setTimeout(() => r(new Error("timeout")), 2000))])) : Promise.resolve<Check>({ status: "skipped", message: "REDIS_URL not set" }),
    // Any HTTP answer (401 without a key is expected) means WhatTalk is reachable.
    timed(() => fetch(`${env().WHATTALK_API_URL}/user/calls?per_page=1`, { method: "GET", headers: { Accept: "application/json" }, signal: AbortSignal.timeout(3000) }).then((r) => r.body?.cancel())),
  ]);
  // WhatTalk being down degrades features but the portal itself still serves (and explains) pages.
  const status = database.status === "ok" && redisCheck.status !== "error" ? "ok" : "degraded";
  return { status, checks: { database, redis: redisCheck, whattalk } };
}
