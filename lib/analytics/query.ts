// The analytics' selection: the calls page's filters (one schema, lib/validation/call-filters.ts),
// always with a date range: the last 7 days in the team's time zone unless given; one open end is
// closed (a start alone runs to today, an end alone covers the 7 days before it).
import { parseCallFilters, selectionOf, type CallFilters } from "@/lib/validation/call-filters";
import { addDays, presetRange, todayIn } from "@/lib/validation/dates";

export type AnalyticsSelection = Omit<CallFilters, "page" | "per_page"> & { date_from: string; date_to: string };

export function withDefaultRange(selection: Omit<CallFilters, "page" | "per_page">, timeZone: string, now = new Date()): AnalyticsSelection {
  const { date_from, date_to } = selection;
  if (date_from && date_to) return { ...selection, date_from, date_to };
  if (date_from) {
    const today = todayIn(timeZone, now);
    return { ...selection, date_from, date_to: date_from > today ? date_from : today };
  }
  if (date_to) return { ...selection, date_from: addDays(date_to, -6), date_to };
  return { ...selection, ...presetRange("last7", timeZone, now) };
}

export function parseAnalyticsQuery(
  input: Record<string, unknown>,
  team: { country: string; timeZone: string },
  now = new Date(),
): { ok: true; selection: AnalyticsSelection } | { ok: false; fieldErrors: Record<string, string[]> } {
  const parsed = parseCallFilters(input, team);
  if (!parsed.ok) return parsed;
  return { ok: true, selection: withDefaultRange(selectionOf(parsed.filters), team.timeZone, now) };
}

/** The selection as a stable string (sorted keys): cache keys and URLs. */
export function selectionKey(selection: AnalyticsSelection): string {
  return new URLSearchParams(
    Object.entries(selection)
      .filter(([, v]) => v !== undefined && v !== "")
      .map(([k, v]) => [k, String(v)] as [string, string])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  ).toString();
}
