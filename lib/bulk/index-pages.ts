// The call index as pages for the page reader (CSV export, analytics) when a selection has an
// index-only filter: read from PostgreSQL (no WhatTalk budget), only when the index covers the range.
import "server-only";
import type { TeamAccess } from "@/lib/auth/team-access";
import { indexStatus, searchIndexedCalls } from "@/lib/call-index/search";
import { keepInScope, type CallScope } from "@/lib/calls/scope";
import { assertCostFilters, indexScopeOf } from "@/lib/calls/search-calls";
import { AppError } from "@/lib/errors";
import { usesIndex, type CallSelection } from "@/lib/validation/call-filters";
import type { UpstreamCall } from "@/lib/whattalk";
import { BULK_PER_PAGE } from "./call-pages";
import type { PageFetcher } from "./read-pages";

const day = (d: Date, timeZone: string) => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);

/**
 * Pages of the calls matching `selection` from the team's call index, or null when the selection
 * has no index-only filter (WhatTalk answers it). Refuses (409) when the index is off, not built
 * yet, or does not reach back to the selection's first day: an index-only filter is never ignored.
 */
export async function indexPageFetcher(access: TeamAccess, scope: CallScope, selection: CallSelection, answer: string, onDropped?: (n: number) => void): Promise<PageFetcher<UpstreamCall> | null> {
  if (!usesIndex(selection)) return null;
  assertCostFilters(access, selection);
  const timeZone = access.team.timeZone;
  const status = await indexStatus(access);
  // Whole local days: the index's first (possibly partial) day counts, as the daily purge keeps it.
  if (!status.coversFrom || !selection.date_from || selection.date_from < day(status.coversFrom, timeZone)) {
    const reach = status.coversFrom ? `from ${day(status.coversFrom, timeZone)}` : "no full day yet";
    throw new AppError(
      "CONFLICT",
      `Search and the index-only filters need the call index, which ${status.complete ? "holds" : "so far reaches back to"} calls ${reach}: choose a start date on or after it${status.complete ? "" : ", or try again when the index has been built"}.`,
      { fieldErrors: { date_from: [status.coversFrom ? `On or after ${day(status.coversFrom, timeZone)}.` : "The index has no full day yet."] }, details: { reason: "index_range", coversFrom: status.coversFrom?.toISOString() ?? null } },
    );
  }
  const query = { timeZone, selection, scope: await indexScopeOf(scope) };
  return async (page) => {
    const found = await searchIndexedCalls(access, query, page, BULK_PER_PAGE);
    const { calls, dropped } = await keepInScope(scope, found.calls, answer);
    if (dropped) onDropped?.(dropped);
    return { items: calls, total: found.total, lastPage: Math.max(1, Math.ceil(found.total / BULK_PER_PAGE)) };
  };
}
