// The job queue (pg-boss) on this file's database — the embedded server by default, PostgreSQL with
// TEST_DATABASE_URL: one queued sync per team however many instances ask, two instances working the
// queue never run a team twice at once and fill its index, and /api/health's view of the queue.
import { afterEach, describe, expect, it } from "vitest";
import { PgBoss } from "pg-boss";
import pg from "pg";
import { env } from "@/lib/env";
import { createCallIndexQueues, jobQueueStatus, queueTeamSync, startJobQueue, stopJobQueue, workCallIndexJobs, JOBS_SCHEMA, SYNC_QUEUE } from "@/lib/jobs";
import { jobsCheck } from "@/lib/health";
import { setEnv } from "./credentials-helpers";
import { expectedIds, indexedIds, indexedTeam, listRequests, withSyncSim } from "./call-index-helpers";

const bosses: PgBoss[] = [];
const stops: AbortController[] = [];
const errors: string[] = [];

const simOf = withSyncSim();
afterEach(async () => {
  for (const s of stops.splice(0)) s.abort();
  for (const b of bosses.splice(0)) await b.stop({ graceful: false, close: true });
});

async function instance(): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: env().DATABASE_URL!, schema: JOBS_SCHEMA, max: 4 });
  boss.on("error", (e) => errors.push(e.message));
  await boss.start();
  bosses.push(boss);
  return boss;
}

async function activeSyncs(teamId: string): Promise<number> {
  const c = new pg.Client({ connectionString: env().DATABASE_URL });
  await c.connect();
  try {
    // The simple protocol (no parameters): the embedded server mixes up interleaved prepared statements.
    const r = await c.query(`SELECT count(*)::int AS n FROM ${JOBS_SCHEMA}.job WHERE name = '${SYNC_QUEUE}' AND singleton_key = '${teamId.replace(/'/g, "''")}' AND state = 'active'`);
    return r.rows[0].n as number;
  } finally {
    await c.end();
  }
}

describe("the sync queue", () => {
  it("holds one queued sync per team, however many instances ask (the queue's unique constraint)", async () => {
    const [a, b] = [await instance(), await instance()];
    await createCallIndexQueues(a);
    await createCallIndexQueues(b);
    const ids = [await queueTeamSync(a, "team-1"), await queueTeamSync(b, "team-1"), await queueTeamSync(a, "team-1"), await queueTeamSync(b, "team-2")];
    expect(ids.filter(Boolean)).toHaveLength(2);
    expect(ids[0]).toBeTruthy();
    expect(ids[1]).toBeNull();
    expect(ids[2]).toBeNull();
    expect(ids[3]).toBeTruthy();
  });

  it("two instances working the queue never sync a team twice at once, and fill its index", async () => {
    setEnv({ INDEX_SYNC_SECONDS: "1" });
    const team = await indexedTeam("wt_demo_alpha", 3);
    const now = Date.now();
    for (let i = 0; i < 2; i++) {
      const boss = await instance();
      const stop = new AbortController();
      stops.push(stop);
      await workCallIndexJobs(boss, stop.signal, { pollingIntervalSeconds: 0.5 });
    }
    // Both instances queued the team at start; the chain then re-queues it every second.
    let maxActive = 0;
    const until = Date.now() + 12_000;
    while (Date.now() < until) {
      maxActive = Math.max(maxActive, await activeSyncs(team.id));
      const st = await import("@/lib/db").then(({ db }) => db().callIndexState.findUnique({ where: { teamId: team.id } }));
      if (st?.backfillDoneAt && st.lastIncrementalAt && Date.now() > now + 4_000) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(maxActive).toBe(1);
    expect(errors).toEqual([]);
    const cutoff = new Date(now - 3 * 86_400_000);
    const ids = await indexedIds(team.id);
    // Calls up to the sync's own start (a second or two later) may be kept too.
    expect(ids.filter((id) => id >= (expectedIds(simOf(), "wt_demo_alpha", cutoff)[0] ?? 0))).toEqual(expectedIds(simOf(), "wt_demo_alpha", cutoff));
    const pages = listRequests(simOf()).filter((r) => r.query.date_to).map((r) => Number(r.query.page));
    expect(pages).toEqual(pages.map((_, i) => i + 1));
    // Incremental runs followed (the chain continued on the queue).
    expect(listRequests(simOf()).filter((r) => !r.query.date_to).length).toBeGreaterThan(0);
  });
});

describe("health", () => {
  it("reports the queue: not started, then up; skipped when a separate worker runs it", async () => {
    expect(jobsCheck()).toEqual({ status: "skipped", message: "not started" });
    await startJobQueue({ setup: (boss, signal) => workCallIndexJobs(boss, signal, { pollingIntervalSeconds: 1 }) });
    expect(jobQueueStatus()).toBe("up");
    expect(jobsCheck()).toEqual({ status: "ok", message: "up" });
    await stopJobQueue(2_000);
    expect(jobsCheck()).toEqual({ status: "skipped", message: "stopped" });
    setEnv({ INDEX_WORKER: "external" });
    expect(jobsCheck()).toEqual({ status: "skipped", message: "runs in a separate worker (INDEX_WORKER=external)" });
    setEnv({ INDEX_WORKER: undefined });
  });
});
