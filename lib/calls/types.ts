// Shapes the calls services answer with (types only: client components import them too).
import type { CallDTO } from "./dto";

export type CallListResult = {
  calls: CallDTO[];
  page: number;
  perPage: number;
  total: number;
  lastPage: number;
  /** How the list was produced: cache state, and for agents which assistants it covers. */
  meta: {
    cache: "hit" | "miss" | "stale" | "coalesced" | "merged" | "none";
    fetchedAt: string | null;
    ageSeconds: number;
    scope: "all" | "assigned";
    /** For agents: the assistants the list is limited to. */
    assistants?: { id: number; label: string }[];
    /** Agents with no assigned assistants see nothing, and are told why. */
    emptyReason?: "no_assignments";
    /**
     * Calls WhatTalk answered outside the agent's assistants (or the one the filter names), or that
     * cannot be attributed to an assistant, dropped from this page: 0 unless WhatTalk mis-applied its
     * filter. The total and the pages stay WhatTalk's count then, so a page may show fewer calls.
     */
    droppedOutOfScope: number;
    /** Where the list came from: WhatTalk itself, or the team's call index (search and index-only filters). */
    source?: "live" | "index";
    /** For an index list: how fresh and how complete the index is. */
    index?: IndexFreshness;
  };
};

/** How fresh an index answer is: last sync, and how far back the index reaches while it backfills. */
export type IndexFreshness = {
  /** ISO time of the last successful sync (null: none yet). */
  syncedAt: string | null;
  ageSeconds: number | null;
  /** The backfill reached the retention window: the index holds every call of it. */
  complete: boolean;
  /** ISO instant of the oldest call the index reaches. */
  reachesBack: string | null;
};
