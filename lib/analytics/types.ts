// What the analytics route sends (NDJSON lines) and the page shows. Safe for client bundles.
import type { AnalyticsData } from "./aggregate";

export type AnalyticsMeta = {
  /** The date range the numbers cover (inclusive, the team's time zone). */
  from: string;
  to: string;
  timeZone: string;
  /** When the calls were read from WhatTalk (ISO). */
  computedAt: string;
  /** WhatTalk requests the computation took (pages of 100 calls). */
  requests: number;
  /** Served from the portal's analytics cache. */
  cached: boolean;
  /** How long results are kept (seconds). */
  cacheSeconds: number;
  /** Calls WhatTalk answered outside the reader's scope, left out of the numbers (lib/calls/scope.ts). */
  droppedOutOfScope: number;
  /** Where the calls were read: "index" (the team's call index, as of its last sync, ISO) or "live" (WhatTalk). */
  source: "index" | "live";
  asOf?: string;
};

export type AnalyticsResult = { data: AnalyticsData; meta: AnalyticsMeta };

export type AnalyticsProgress = {
  /** Calls read so far. */
  fetched: number;
  total: number;
  /** While waiting for the team's WhatTalk request budget: when reading resumes (ISO). */
  resumesAt: string | null;
};

/** One line of `GET /api/teams/{teamId}/analytics` (application/x-ndjson). */
export type AnalyticsLine =
  | ({ type: "progress" } & AnalyticsProgress)
  | { type: "result"; result: AnalyticsResult }
  | { type: "error"; code: string; message: string; retryAfterSeconds?: number; details?: Record<string, unknown> };
