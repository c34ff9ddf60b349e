// What Settings → Search index, its route and the CLI show of a team's call index (plain data, dates as ISO strings).

export const INDEX_STATES = ["off", "not_started", "paused", "failing", "backfilling", "up_to_date"] as const;
export type IndexState = (typeof INDEX_STATES)[number];

/** Retention in days: at least a day, at most ten years. */
export const RETENTION_MIN_DAYS = 1;
export const RETENTION_MAX_DAYS = 3650;
export const RETENTION_DAYS_MESSAGE = `Enter a whole number of days from ${RETENTION_MIN_DAYS} to ${RETENTION_MAX_DAYS}, or turn the index off.`;

export type IndexStatusDTO = {
  state: IndexState;
  /** "Backfilling 42 %", "Up to date", "Failing"… */
  label: string;
  /** One or two sentences saying what the state means and what happens next. */
  explanation: string;
  /** While backfilling: 0–99 (100 only once the backfill is done); null when WhatTalk's total is not known yet. */
  progressPercent: number | null;
  /** The last failure, when it is newer than the last success. */
  error: { message: string; at: string; failuresInARow: number } | null;
  paused: boolean;
  /** Days of calls kept; null: the index is off. */
  retentionDays: number | null;
  callsIndexed: number;
  oldestCallAt: string | null;
  newestCallAt: string | null;
  /** The last run that reached WhatTalk (incremental, refresh or backfill). */
  lastSyncAt: string | null;
  /** While backfilling: how far back the index reaches. */
  reachesBackTo: string | null;
  /** Set by Rebuild until the sync purges the index and starts again. */
  rebuildRequestedAt: string | null;
  budget: {
    /** WhatTalk requests the sync made in the current minute, and since the index was created. */
    usedThisMinute: number;
    usedTotal: number;
    /** What the sync may spend per minute: the team's budget × the share. */
    allowedPerMinute: number;
    teamPerMinute: number;
    share: number;
  };
};
