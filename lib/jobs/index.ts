// Background jobs on pg-boss: the one queue per process and the call index's jobs (docs/operations.md).
export { jobQueue, jobQueueStatus, startJobQueue, stopJobQueue, JOBS_SCHEMA, type JobsStatus } from "./boss";
export { DISCOVER_QUEUE, RETENTION_QUEUE, SYNC_QUEUE, createCallIndexQueues, queueDueTeams, queueTeamSync, workCallIndexJobs, type CallIndexJobOptions } from "./call-index";
export { startBackgroundJobs } from "./start";
