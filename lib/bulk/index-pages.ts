// The call index as pages for the page reader (CSV export, analytics): always for a selection with an
// index-only filter; otherwise only when a complete, fresh index covers the range (no WhatTalk budget).
import "server-only";
import type { TeamAccess } from "@/lib/auth/team-access";
import { indexStatus, searchIndexedCalls, type IndexStatus } from "@/lib/call-index/search";
import { keepInScope, type CallScope } from "@/lib/calls/scope";
import { assertCostFilters, indexScopeOf } from "@/lib/calls/search-calls";
import { AppError } from "@/lib/errors";
import { usesIndex, type CallSelection } from "@/lib/validation/call-filters";
import type { UpstreamCall } from "@/lib/whattalk";
import { BULK_PER_PAGE } from "./call-pages";
import type { PageFetcher } from "./read-pages";

/** A selection without index-only filters is answered from the index only if it synced this recently. */
export const INDEX_FRESH_SECONDS = 300;

/** Where a bulk read's calls come from: the index (as of its last sync) or WhatTalk itself. */
export type BulkSource = { source: "index"; asOf: string } | { source: "live" };

export type IndexPages = { fetchPage: PageFetcher<UpstreamCall>; asOf: string };

const day = (d: Date, timeZone: string) => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);

// Whole local days: the index's first (possibly partial) day counts, as the daily purge keeps it.
const covers = (status: IndexStatus, selection: CallSelection, timeZone: string) =>
  !!status.coversFrom && !!selection.date_from && selection.date_from >= day(status.coversFrom, timeZone);

/**
 * Pages of the calls matching `selection` from the team's call index, or null when WhatTalk answers.
 * An index-only filter is never ignored: refused (409) when the index is off, not built yet, or does
 * not reach back to the first day. Any other selection comes from the index only when its backfill
 * is done, it synced within INDEX_FRESH_SECONDS with the team's current key, and it covers the range.
 */
export async function indexPageFetcher(
  access: TeamAccess,
  scope: CallScope,
  selection: CallSelection,
  answer: string,
  opts: { onDropped?: (n: number) => void; credentialId?: string } = {},
): Promise<IndexPages | null> {
  const timeZone = access.team.timeZone;
  let status: IndexStatus;
  if (usesIndex(selection)) {
    assertCostFilters(access, selection);
    status = await indexStatus(access);
    if (!covers(status, selection, timeZone)) throw rangeRefusal(status, timeZone);
  } else {
    const found = await indexStatus(access).catch((e: unknown) => {
      if (e instanceof AppError && e.code === "CONFLICT") return null; // off, or never synced: WhatTalk
      throw e;
    });
    if (!found || !found.complete || found.ageSeconds > INDEX_FRESH_SECONDS || !covers(found, selection, timeZone)) return null;
    // Rows synced with another key (another WhatTalk account) wait for the sync's purge.
    if (found.credentialId && opts.credentialId && found.credentialId !== opts.credentialId) return null;
    status = found;
  }
  const query = { timeZone, selection, scope: await indexScopeOf(scope) };
  const fetchPage: PageFetcher<UpstreamCall> = async (page) => {
    const result = await searchIndexedCalls(access, query, page, BULK_PER_PAGE);
    const { calls, dropped } = await keepInScope(scope, result.calls, answer);
    if (dropped) opts.onDropped?.(dropped);
    return { items: calls, total: result.total, lastPage: Math.max(1, Math.ceil(result.total / BULK_PER_PAGE)) };
  };
  return { fetchPage, asOf: status.syncedAt };
}

function rangeRefusal(status: IndexStatus, timeZone: string): AppError {
  const reach = status.coversFrom ? `from ${day(status.coversFrom, timeZone)}` : "no full day yet";
  return new AppError(
    "CONFLICT",
    `Search and the index-only filters need the call index, which ${status.complete ? "holds" : "so far reaches back to"} calls ${reach}: choose a start date on or after it${status.complete ? "" : ", or try again when the index has been built"}.`,
    { fieldErrors: { date_from: [status.coversFrom ? `On or after ${day(status.coversFrom, timeZone)}.` : "The index has no full day yet."] }, details: { reason: "index_range", coversFrom: status.coversFrom?.toISOString() ?? null } },
  );
}
