// The call index sync on two `next start` instances sharing one PostgreSQL and Redis: both run the job
// queue (INDEX_WORKER=internal), yet a team is synced by one at a time: every backfill page is asked
// for once, pg-boss never holds two active syncs of the team, and the index ends up complete.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { generateSecrets } from "@/tools/secrets";
import { postgresBinDir, redisServerBin, startPostgres, startRedis, type Service } from "@/tools/services";
import { ROOT, startStack, type Stack } from "@/tools/stack";
import { callInstant } from "@/tools/whattalk-sim/data";
import { connectTeam, createTeam } from "../integration/helpers";

const serverUrl = process.env.SCALE_DATABASE_URL || process.env.PG_URL || undefined;
const missing = [!serverUrl && !postgresBinDir() ? "PostgreSQL (apt-get install postgresql, or set PG_URL)" : null, !redisServerBin() ? "redis-server (apt-get install redis-server)" : null].filter(Boolean);
const skip = missing.length > 0 && !process.env.CI;
if (skip) console.warn(`[scale] skipped: ${missing.join(" and ")} not found on this machine.`);

const DAYS = 3;
const DAY = 86_400_000;

describe.skipIf(skip)("the call index sync on two instances", () => {
  let pgService: Service | undefined;
  let redis: Service | undefined;
  let stack: Stack | undefined;
  const appLog = path.join(path.resolve(ROOT, process.env.TEST_RESULTS_DIR || "test-results"), "scale-index-app.log");

  beforeAll(async () => {
    if (missing.length) throw new Error(`The scale-out test needs ${missing.join(" and ")}.`);
    if (!fs.existsSync(path.join(ROOT, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID"))) throw new Error("The scale-out test runs the production build: run `npm run build` first.");
    [pgService, redis] = await Promise.all([startPostgres(serverUrl), startRedis()]);
    const secrets = generateSecrets();
    fs.rmSync(appLog, { force: true });
    const shared = { ...secrets, REDIS_URL: redis.url, DATABASE_POOL_SIZE: "5", WHATTALK_TEAM_BUDGET_PER_MINUTE: "3000", INDEX_SYNC_SECONDS: "2", INDEX_WORKER: "internal", LOG_LEVEL: "info" };
    stack = await startStack({ mode: "start", port: 0, databaseUrl: pgService.url, simulator: { port: 0, anchor: new Date().toISOString() }, env: shared, moreApps: [{}], appLog: { file: appLog } });
    Object.assign(process.env, secrets, { DATABASE_URL: pgService.url });
    resetEnvCache();
  });

  afterAll(async () => {
    await stack?.stop();
    await Promise.all([pgService?.stop(), redis?.stop()]);
  });

  async function activeSyncs(teamId: string): Promise<number> {
    const c = new pg.Client({ connectionString: pgService!.url });
    await c.connect();
    try {
      const r = await c.query("SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'call-index-sync' AND singleton_key = $1 AND state = 'active'", [teamId]);
      return r.rows[0].n as number;
    } finally {
      await c.end();
    }
  }

  it("both instances report the job queue up (once started: the queue starts beside the server)", async () => {
    for (const app of stack!.apps) {
      let jobs: unknown;
      for (let i = 0; i < 40; i++) {
        jobs = ((await (await fetch(`${app.url}/api/health`)).json()) as { checks: { jobs: unknown } }).checks.jobs;
        if ((jobs as { status: string }).status === "ok") break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(jobs).toEqual({ status: "ok", message: "up" });
    }
  });

  it("syncs a team on one instance at a time and fills its index", async () => {
    const sim = stack!.sim!;
    const team = await createTeam();
    await db().team.update({ where: { id: team.id }, data: { timeZone: "Europe/Istanbul", indexRetentionDays: DAYS } });
    const started = Date.now();
    sim.clearRequests();
    await connectTeam(team.id, "wt_demo_alpha");
    // Discovery runs every minute on both instances; the chain then re-queues the team every 2 s.
    let maxActive = 0;
    let done = false;
    const until = Date.now() + 100_000;
    while (Date.now() < until && !done) {
      maxActive = Math.max(maxActive, await activeSyncs(team.id));
      const st = await db().callIndexState.findUnique({ where: { teamId: team.id } });
      done = Boolean(st?.backfillDoneAt && st.lastIncrementalAt && st.lastIncrementalAt > st.backfillDoneAt);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(done).toBe(true);
    expect(maxActive).toBe(1);
    const lists = sim.requests().filter((r) => r.kind === "api" && r.path === "/api/user/calls" && r.keyHint === "lpha");
    const pages = lists.filter((r) => r.query.date_to).map((r) => Number(r.query.page));
    expect(pages.length).toBeGreaterThan(2);
    expect(pages).toEqual(pages.map((_, i) => i + 1));
    const ids = new Set((await db().indexedCall.findMany({ where: { teamId: team.id }, select: { callId: true } })).map((r) => r.callId));
    const inWindow = (cutoff: number) => sim.calls("wt_demo_alpha").filter((c) => callInstant(c, "Europe/Istanbul") >= cutoff).map((c) => c.id);
    // The window's edge moved while the test ran: everything safely inside is there, nothing beyond it.
    expect(inWindow(Date.now() - DAYS * DAY + 60_000).filter((id) => !ids.has(id))).toEqual([]);
    const outer = new Set(inWindow(started - DAYS * DAY - 60_000));
    expect([...ids].filter((id) => !outer.has(id))).toEqual([]);
  });
});
