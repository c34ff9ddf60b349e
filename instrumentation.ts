// Runs once when the server starts: a bad or missing environment variable stops start-up with one
// readable line naming it (see lib/env.ts). In production the API-key encryption key ring must also
// parse (fails closed: without it no stored WhatTalk key could be read or written).
// Diagnostics: `kill -USR2 <pid>` logs one JSON line with the process's memory (after a full
// garbage collection when node runs with --expose-gc) and the sizes of the response cache and of
// Prisma's query plan cache (lib/db.ts), both bounded.
// Each instance purges deleted teams' audit rows past AUDIT_RETENTION_DAYS at start-up and daily.
// With INDEX_WORKER=internal (default) the call index's jobs run here (lib/jobs); "external": in `npm run worker`.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { assertEnv } = await import("@/lib/env");
    const e = assertEnv();
    const { logger } = await import("@/lib/logger");
    process.on("SIGUSR2", () => {
      const g = globalThis as { gc?: () => void; __portalResponseCacheStats?: () => unknown; __portalPlanCacheStats?: () => unknown };
      g.gc?.();
      logger.info({ module: "diagnostics", afterGc: typeof g.gc === "function", memory: process.memoryUsage(), responseCache: g.__portalResponseCacheStats?.() ?? null, planCache: g.__portalPlanCacheStats?.() ?? null }, "memory usage");
    });
    const { scheduleAuditPurge } = await import("@/lib/audit/purge");
    scheduleAuditPurge(logger);
    if (e.INDEX_WORKER === "internal") {
      const { startBackgroundJobs } = await import("@/lib/jobs");
      // Not awaited: the server answers while the queue starts; a failure shows in /api/health.
      startBackgroundJobs().catch((error: unknown) => logger.error({ module: "jobs", err: { message: error instanceof Error ? error.message : String(error) } }, "job queue failed to start"));
    }
    if (e.NODE_ENV === "production") {
      const { getKeyRing, KeyRingError } = await import("@/lib/crypto/keyring");
      try {
        getKeyRing();
      } catch (error) {
        if (error instanceof KeyRingError) {
          console.error(`Invalid environment: ${error.message}`);
          process.exit(1);
        }
        throw error;
      }
    }
  }
}
