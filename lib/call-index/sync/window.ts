// A team's retention window: the oldest instant kept and the first local day the backfill asks for.
import { todayIn } from "@/lib/validation/dates";

const DAY_MS = 86_400_000;

export interface RetentionWindow {
  /** Calls created before this instant are outside the window (purged daily). */
  cutoff: Date;
  /** `date_from` of the backfill: the local day of the cutoff (the whole day is read). */
  firstDay: string;
  /** The team's local day now. */
  today: string;
}

export function retentionWindow(days: number, timeZone: string, now: Date): RetentionWindow {
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  return { cutoff, firstDay: todayIn(timeZone, cutoff), today: todayIn(timeZone, now) };
}
