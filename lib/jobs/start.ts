// Starting the jobs in a process: the server (INDEX_WORKER=internal, from instrumentation.ts) or
// `npm run worker`; SIGTERM/SIGINT stop the queue gracefully (running syncs end their page first).
import "server-only";
import { logger } from "@/lib/logger";
import { startJobQueue, stopJobQueue } from "./boss";
import { workCallIndexJobs, type CallIndexJobOptions } from "./call-index";

let signalsHooked = false;

export async function startBackgroundJobs(opts: CallIndexJobOptions & { exitOnSignal?: boolean } = {}): Promise<void> {
  await startJobQueue({ setup: (boss, signal) => workCallIndexJobs(boss, signal, opts) });
  logger.info({ module: "jobs" }, "job queue started");
  if (signalsHooked) return;
  signalsHooked = true;
  for (const sig of ["SIGTERM", "SIGINT"] as const) {
    process.once(sig, () => {
      void stopJobQueue()
        .catch((error: unknown) => logger.warn({ module: "jobs", err: { message: error instanceof Error ? error.message : String(error) } }, "job queue stop failed"))
        .finally(() => {
          // Next's server exits on its own handler; alone, we must (a listener replaces Node's default exit).
          if (opts.exitOnSignal || process.listenerCount(sig) === 0) process.exit(0);
        });
    });
  }
}
