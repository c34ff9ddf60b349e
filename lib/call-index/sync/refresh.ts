// Refresh of recent and still-live calls: the last REFRESH_HOURS listed again (status changes,
// evaluations that arrive later); indexed calls missing from that listing, and live calls older than
// a few minutes, are asked for one by one: a 404 removes them.
import "server-only";
import { db } from "@/lib/db";
import { LIVE_CALL_STATUSES, type UpstreamCall } from "@/lib/whattalk";
import { todayIn, wallClockToInstant } from "@/lib/validation/dates";
import { fetchCall, fetchPage, type SyncSession } from "./session";
import { requestsData, type IndexState } from "./state";
import { removeCalls, upsertCalls } from "./store";
import type { RetentionWindow } from "./window";

export const REFRESH_HOURS = 6;
/** A call still "live" this long after it started is asked for by id (its final status may not be listed yet). */
export const LIVE_STALE_MS = 5 * 60_000;
/** Calls asked for one by one per refresh, at most. */
export const MAX_SINGLE_GETS = 50;

export async function refreshRecent(s: SyncSession, st: IndexState, window: RetentionWindow): Promise<void> {
  const now = s.now();
  const since = new Date(Math.max(now.getTime() - REFRESH_HOURS * 3_600_000, window.cutoff.getTime()));
  const listed: UpstreamCall[] = [];
  for (let page = 1; ; page++) {
    const data = await fetchPage(s, { date_from: todayIn(s.timeZone, since), page });
    listed.push(...data.data);
    const reached = data.data.some((c) => {
      const at = c.created_at ? wallClockToInstant(c.created_at, s.timeZone) : null;
      return at !== null && at < since;
    });
    if (reached || page >= data.last_page || data.data.length === 0) break;
  }
  await upsertCalls(s.teamId, s.timeZone, listed, { cutoff: window.cutoff });
  const seen = new Set(listed.map((c) => c.id));
  // Indexed in the listed range but not listed: deleted at WhatTalk (or moved); live ones gone stale.
  const candidates = await db().indexedCall.findMany({
    where: {
      teamId: s.teamId,
      OR: [{ createdAt: { gte: since, lte: now } }, { status: { in: [...LIVE_CALL_STATUSES] }, createdAt: { lt: new Date(now.getTime() - LIVE_STALE_MS) } }],
    },
    orderBy: { createdAt: "desc" },
    select: { callId: true },
  });
  const toCheck = candidates.filter((c) => !seen.has(c.callId)).slice(0, MAX_SINGLE_GETS);
  const gone: number[] = [];
  const found: UpstreamCall[] = [];
  for (const c of toCheck) {
    const call = await fetchCall(s, c.callId);
    if (call) found.push(call);
    else gone.push(c.callId);
  }
  await removeCalls(s.teamId, gone);
  st.lastRefreshAt = now;
  await upsertCalls(s.teamId, s.timeZone, found, { cutoff: window.cutoff, state: () => ({ lastRefreshAt: now, ...requestsData(s, st) }) });
}
