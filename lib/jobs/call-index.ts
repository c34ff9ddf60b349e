// The call index's jobs: one `stately` sync queue (singletonKey = team id: at most one queued and one
// running per team, by the queue's unique constraints), each run queueing the team's next; a
// discovery job every minute queues teams without one; the daily retention purge.
import "server-only";
import type { PgBoss } from "pg-boss";
import { z } from "zod";
import { operatorActor } from "@/lib/auth/team-actor";
import { logger } from "@/lib/logger";
import { purgeExpiredCalls, runTeamSync, teamsToSync } from "@/lib/call-index/sync";
import { markJobQueueUp } from "./boss";

export const SYNC_QUEUE = "call-index-sync";
export const DISCOVER_QUEUE = "call-index-discover";
export const RETENTION_QUEUE = "call-index-retention";

const SyncJobData = z.object({ teamId: z.string().min(1).max(100) });

export interface CallIndexJobOptions {
  /** Seconds between polls for new jobs (no LISTEN/NOTIFY: the embedded server does not route it). */
  pollingIntervalSeconds?: number;
  /** Teams synced at the same time by this process. */
  concurrency?: number;
}

/** Queues a sync of the team now, unless one is already queued (then null). */
export function queueTeamSync(boss: PgBoss, teamId: string, startAfterSeconds = 0): Promise<string | null> {
  return boss.send(SYNC_QUEUE, { teamId }, { singletonKey: teamId, ...(startAfterSeconds > 0 ? { startAfter: Math.ceil(startAfterSeconds) } : {}) });
}

/** Queues a sync for every team that should be synced (those with one queued are left alone). */
export async function queueDueTeams(boss: PgBoss): Promise<number> {
  let queued = 0;
  for (const teamId of await teamsToSync()) if (await queueTeamSync(boss, teamId)) queued++;
  return queued;
}

export async function createCallIndexQueues(boss: PgBoss): Promise<void> {
  // A run is bounded (backfill slices of a minute); heartbeats fail a crashed worker's job in seconds.
  await boss.createQueue(SYNC_QUEUE, { policy: "stately", retryLimit: 0, expireInSeconds: 900, heartbeatSeconds: 30, deleteAfterSeconds: 3_600 });
  await boss.createQueue(DISCOVER_QUEUE, { policy: "stately", retryLimit: 0, expireInSeconds: 300, deleteAfterSeconds: 3_600 });
  await boss.createQueue(RETENTION_QUEUE, { policy: "stately", retryLimit: 2, retryDelay: 600, expireInSeconds: 3_600 });
}

/** Creates the queues and schedules, and works them in this process. */
export async function workCallIndexJobs(boss: PgBoss, signal: AbortSignal, opts: CallIndexJobOptions = {}): Promise<void> {
  const polling = { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2, batchSize: 1 };
  await createCallIndexQueues(boss);
  await boss.schedule(DISCOVER_QUEUE, "* * * * *");
  await boss.schedule(RETENTION_QUEUE, "17 3 * * *", null, { tz: "UTC" });
  await boss.work(SYNC_QUEUE, { ...polling, localConcurrency: opts.concurrency ?? 2 }, async (jobs) => {
    for (const job of jobs) {
      const { teamId } = SyncJobData.parse(job.data);
      const result = await runTeamSync(operatorActor(teamId, "index-sync"), { signal: AbortSignal.any([signal, job.signal]) });
      markJobQueueUp();
      if (result.nextRunInSeconds !== null && !signal.aborted) await queueTeamSync(boss, teamId, result.nextRunInSeconds);
    }
  });
  await boss.work(DISCOVER_QUEUE, polling, async () => {
    await queueDueTeams(boss);
  });
  await boss.work(RETENTION_QUEUE, polling, async () => {
    const deleted = await purgeExpiredCalls();
    logger.info({ module: "call-index", deleted }, "index retention purge");
  });
  await queueDueTeams(boss);
}
