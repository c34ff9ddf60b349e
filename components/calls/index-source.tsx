// The line above a list answered by the call index: how fresh it is ("up to date as of 14:32 (40 s
// ago)", team time zone) and, while the backfill runs, how far back it reaches. Renders on either side.
import { DatabaseIcon } from "lucide-react";

import { wallClockOf } from "@/lib/calls/format";
import type { IndexFreshness } from "@/lib/calls/types";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "40 s", "5 min", "3 h", "2 days". */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 90) return `${s} s`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min`;
  if (s < 48 * 3600) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} days`;
}

/** An instant as the day in a time zone: "3 Dec 2026". */
function dayOf(iso: string, timeZone: string): string | null {
  const w = wallClockOf(iso, timeZone);
  return w ? `${Number(w.slice(8, 10))} ${MONTHS[Number(w.slice(5, 7)) - 1]} ${w.slice(0, 4)}` : null;
}

/** The sentence, in the team's time zone; the time alone when the sync was today (`now`), with the day otherwise. */
export function indexSourceText(index: IndexFreshness | undefined, timeZone: string, now: Date = new Date()): string {
  const synced = index?.syncedAt ? wallClockOf(index.syncedAt, timeZone) : null;
  let text = "Search results from the index";
  if (synced && index?.syncedAt) {
    const today = wallClockOf(now.toISOString(), timeZone)?.slice(0, 10);
    const at = synced.slice(0, 10) === today ? synced.slice(11, 16) : `${dayOf(index.syncedAt, timeZone)} ${synced.slice(11, 16)}`;
    text += `, up to date as of ${at}`;
    if (index.ageSeconds !== null) text += ` (${formatAge(index.ageSeconds)} ago)`;
  } else {
    text += ", not synced yet";
  }
  if (index && !index.complete) {
    const back = index.reachesBack ? dayOf(index.reachesBack, timeZone) : null;
    text += back ? `; the index reaches back to ${back} so far` : "; the index is still being filled";
  }
  return `${text}.`;
}

export function IndexSourceNote({ index, timeZone }: { index: IndexFreshness | undefined; timeZone: string }) {
  return (
    <p className="flex items-center gap-1.5 text-sm text-muted-foreground" data-testid="index-source">
      <DatabaseIcon aria-hidden="true" className="size-4 shrink-0" />
      {indexSourceText(index, timeZone)}
    </p>
  );
}
