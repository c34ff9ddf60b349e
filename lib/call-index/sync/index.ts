// The call index's background sync: one run per team (run.ts), the teams to sync, the retention purge
// and the hooks lib/calls uses when a call is opened or deleted.
export { runTeamSync, BACKFILL_SLICE_MS, REFRESH_EVERY_RUNS, type SyncRunOptions, type SyncRunResult } from "./run";
export { teamsToSync } from "./eligible";
export { purgeExpiredCalls } from "./retention";
export { indexOpenedCall, removeDeletedCall } from "./hooks";
export { syncIntervalMs } from "./pacer";
export { backoffSeconds, BACKOFF_BASE_SECONDS, BACKOFF_CAP_SECONDS } from "./failures";
export { OVERLAP_MS } from "./incremental";
export { PER_PAGE } from "./session";
