// Backfill: WhatTalk's list newest to oldest, from the day it started (backfillDateTo, fixed) down to
// the retention window's first day, 100 a page; each page commits with the cursor, so a restart resumes.
import "server-only";
import { fetchPage, type SyncSession } from "./session";
import { requestsData, saveState, type IndexState } from "./state";
import { upsertCalls } from "./store";
import type { RetentionWindow } from "./window";

/** Pages until the backfill is done ("done") or the slice's time is up ("more"). */
export async function backfillSlice(s: SyncSession, st: IndexState, window: RetentionWindow): Promise<"done" | "more"> {
  if (!st.backfillDateTo) {
    st.backfillDateTo = window.today;
    st.backfillPage = 1;
    await saveState(s, st, { backfillDateTo: st.backfillDateTo, backfillPage: 1, backfillTotal: null, backfillDoneAt: null });
  }
  const dateTo = st.backfillDateTo < window.firstDay ? window.firstDay : st.backfillDateTo;
  for (;;) {
    const page = st.backfillPage;
    const data = await fetchPage(s, { date_from: window.firstDay, date_to: dateTo, page });
    const done = page >= data.last_page || data.data.length === 0;
    await upsertCalls(s.teamId, s.timeZone, data.data, {
      cutoff: window.cutoff,
      state: (written) => {
        st.backfillPage = page + 1;
        st.reachesBackTo = done ? window.cutoff : written.oldest && (!st.reachesBackTo || written.oldest < st.reachesBackTo) ? written.oldest : st.reachesBackTo;
        return { backfillPage: st.backfillPage, backfillTotal: data.total, reachesBackTo: st.reachesBackTo, ...(done ? { backfillDoneAt: s.now() } : {}), ...requestsData(s, st) };
      },
    });
    if (done) {
      st.backfillDoneAt = s.now();
      return "done";
    }
    if (Date.now() >= s.deadline || s.signal?.aborted) return "more";
  }
}
