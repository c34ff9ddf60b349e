// A changed API key: the newest indexed calls are asked for with the new key. All 404: another
// WhatTalk account, so the old rows are purged and the backfill starts again; any found: kept.
import "server-only";
import { fetchCall, type SyncSession } from "./session";
import { saveState, type IndexState } from "./state";
import { newestRows, purgeAndRestart } from "./store";

/** Calls checked with the new key. */
export const ACCOUNT_PROBES = 3;

/** "purged" when the index belonged to another account. */
export async function checkAccount(s: SyncSession, st: IndexState): Promise<"same" | "purged"> {
  const current = s.ctx.credentialId;
  if (st.credentialId === current) return "same";
  const probes = st.credentialId === null ? [] : await newestRows(s.teamId, ACCOUNT_PROBES);
  for (const row of probes) {
    if (await fetchCall(s, row.callId)) {
      st.credentialId = current;
      await saveState(s, st, { credentialId: current });
      return "same";
    }
  }
  if (probes.length === 0) {
    st.credentialId = current;
    await saveState(s, st, { credentialId: current });
    return "same";
  }
  await purgeAndRestart(s.teamId, current);
  Object.assign(st, { credentialId: current, backfillDateTo: null, backfillPage: 1, backfillTotal: null, backfillDoneAt: null, reachesBackTo: null, lastIncrementalAt: null, lastRefreshAt: null });
  return "purged";
}
