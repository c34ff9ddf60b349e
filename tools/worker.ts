// `npm run worker`: the background jobs (the call index's sync) in their own process, for operators who
// set INDEX_WORKER=external on the web processes. Needs DATABASE_URL; stops gracefully on SIGTERM.
import { assertEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { startBackgroundJobs } from "@/lib/jobs";

const e = assertEnv();
if (!e.DATABASE_URL) {
  console.error("DATABASE_URL is not set: the worker works the job queue in the portal's database (docs/operations.md).");
  process.exit(1);
}
startBackgroundJobs({ exitOnSignal: true }).then(
  () => logger.info({ module: "jobs" }, "worker running; SIGTERM stops it"),
  (error: unknown) => {
    console.error(`The worker could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
