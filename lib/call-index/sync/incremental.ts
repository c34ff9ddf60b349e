// Incremental sync: the newest pages again, down to the newest indexed call minus an overlap. The
// pages are written together at the end, so an interrupted run leaves no gap behind the newest row.
import "server-only";
import type { UpstreamCall } from "@/lib/whattalk";
import { todayIn, wallClockToInstant } from "@/lib/validation/dates";
import { fetchPage, type SyncSession } from "./session";
import { requestsData, type IndexState } from "./state";
import { newestRows, upsertCalls } from "./store";
import type { RetentionWindow } from "./window";

/** Calls up to this long before the newest indexed one are read again (late arrivals, same-second calls). */
export const OVERLAP_MS = 10 * 60_000;
/** More pages than this behind: the gap is refilled by a new backfill instead (bounded memory). */
export const MAX_INCREMENTAL_PAGES = 30;

/** "behind": the gap is too large; the caller restarts the backfill from the newest call. */
export async function incrementalSync(s: SyncSession, st: IndexState, window: RetentionWindow): Promise<"ok" | "behind"> {
  const [newest] = await newestRows(s.teamId, 1);
  if (!newest) return "ok";
  const threshold = new Date(newest.createdAt.getTime() - OVERLAP_MS);
  const dateFrom = todayIn(s.timeZone, threshold > window.cutoff ? threshold : window.cutoff);
  const calls: UpstreamCall[] = [];
  for (let page = 1; ; page++) {
    if (page > MAX_INCREMENTAL_PAGES) return "behind";
    const data = await fetchPage(s, { date_from: dateFrom, page });
    calls.push(...data.data);
    const reached = data.data.some((c) => {
      const at = c.created_at ? wallClockToInstant(c.created_at, s.timeZone) : null;
      return at !== null && at < threshold;
    });
    if (reached || page >= data.last_page || data.data.length === 0) break;
  }
  const now = s.now();
  st.lastIncrementalAt = now;
  await upsertCalls(s.teamId, s.timeZone, calls, { cutoff: window.cutoff, state: () => ({ lastIncrementalAt: now, ...requestsData(s, st) }) });
  return "ok";
}
