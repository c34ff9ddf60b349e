// The process's one pg-boss instance on DATABASE_URL (its own schema "pgboss"): started once, stopped
// gracefully, its state reported to /api/health without secrets. Polling only (no LISTEN/NOTIFY).
import "server-only";
import { PgBoss } from "pg-boss";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";

export const JOBS_SCHEMA = "pgboss";

export type JobsStatus = "not_started" | "starting" | "up" | "failing" | "stopped";

interface JobsState {
  boss?: PgBoss;
  starting?: Promise<PgBoss>;
  status: JobsStatus;
  /** Aborted when the queue stops: running jobs end their slice early. */
  stopping: AbortController;
}

/** On globalThis: Next bundles modules more than once; one process keeps one queue. */
const STATE_KEY = Symbol.for("portal.jobs");
const state = ((globalThis as Record<symbol, unknown>)[STATE_KEY] ??= { status: "not_started", stopping: new AbortController() }) as JobsState;

export interface StartOptions {
  connectionString?: string;
  /** Registers the workers and schedules (setup: (boss, signal) => …). */
  setup: (boss: PgBoss, signal: AbortSignal) => Promise<void>;
}

/** Starts the queue (once per process; later calls get the same instance). */
export function startJobQueue(opts: StartOptions): Promise<PgBoss> {
  if (state.boss) return Promise.resolve(state.boss);
  state.starting ??= (async () => {
    const connectionString = opts.connectionString ?? env().DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set: the job queue needs the database.");
    state.status = "starting";
    state.stopping = new AbortController();
    // max 4: the embedded server serialises everything on one session anyway.
    const boss = new PgBoss({ connectionString, schema: JOBS_SCHEMA, max: 4, application_name: "portal-jobs" });
    boss.on("error", (error: Error) => {
      state.status = "failing";
      logger.warn({ module: "jobs", err: { message: error.message } }, "job queue error");
    });
    try {
      await boss.start();
      await opts.setup(boss, state.stopping.signal);
    } catch (error) {
      state.status = "failing";
      state.starting = undefined;
      await boss.stop({ graceful: false, close: true }).catch(() => {});
      throw error;
    }
    state.boss = boss;
    state.status = "up";
    return boss;
  })();
  return state.starting;
}

/** Stops the queue: running jobs are asked to stop and get `timeoutMs` to finish. */
export async function stopJobQueue(timeoutMs = 10_000): Promise<void> {
  const boss = state.boss ?? (await state.starting?.catch(() => undefined));
  state.stopping.abort(new Error("the job queue is stopping"));
  state.boss = undefined;
  state.starting = undefined;
  if (!boss) return;
  await boss.stop({ graceful: true, timeout: timeoutMs, close: true });
  state.status = "stopped";
  logger.info({ module: "jobs" }, "job queue stopped");
}

/** The running queue, if any. */
export function jobQueue(): PgBoss | undefined {
  return state.boss;
}

/** For /api/health: the queue's state in this process, and a recovery after an error. */
export function jobQueueStatus(): JobsStatus {
  return state.status;
}

/** A successful job run after an error: the queue works again. */
export function markJobQueueUp(): void {
  if (state.boss && state.status === "failing") state.status = "up";
}
