// Calendar days in a team's time zone: date presets for filters and formatting of call times.

// Creating an Intl.DateTimeFormat costs far more than using one (about 0.1–0.5 ms against a few
// microseconds), and wallClockToInstant runs twice per call shown: formatters are kept per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(kind: "day" | "parts", timeZone: string): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f =
      kind === "day"
        ? new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })
        : new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    if (formatters.size >= 1_000) formatters.clear(); // a few hundred zones exist; bound it anyway
    formatters.set(key, f);
  }
  return f;
}

/** Today's date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return formatterFor("day", timeZone).format(now);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}

export const DATE_PRESETS = [
  { id: "today", label: "Today" },
  { id: "yesterday", label: "Yesterday" },
  { id: "last7", label: "Last 7 days" },
  { id: "last30", label: "Last 30 days" },
  { id: "thisMonth", label: "This month" },
] as const;
export type DatePreset = (typeof DATE_PRESETS)[number]["id"];

/** A preset's inclusive date range in the team's time zone. */
export function presetRange(preset: DatePreset, timeZone: string, now: Date = new Date()): { date_from: string; date_to: string } {
  const today = todayIn(timeZone, now);
  switch (preset) {
    case "today":
      return { date_from: today, date_to: today };
    case "yesterday": {
      const y = addDays(today, -1);
      return { date_from: y, date_to: y };
    }
    case "last7":
      return { date_from: addDays(today, -6), date_to: today };
    case "last30":
      return { date_from: addDays(today, -29), date_to: today };
    case "thisMonth":
      return { date_from: `${today.slice(0, 8)}01`, date_to: today };
  }
}

/** Which preset a range equals, if any. */
export function matchPreset(range: { date_from?: string; date_to?: string }, timeZone: string, now: Date = new Date()): DatePreset | undefined {
  if (!range.date_from || !range.date_to) return undefined;
  for (const p of ["today", "yesterday", "last7", "last30", "thisMonth"] as const) {
    const r = presetRange(p, timeZone, now);
    if (r.date_from === range.date_from && r.date_to === range.date_to) return p;
  }
  return undefined;
}

/**
 * WhatTalk timestamps are "YYYY-MM-DD HH:MM:SS" on the account's wall clock (no zone). Converts one
 * to a UTC instant, given the team's time zone (the account's zone is a team setting).
 */
export function wallClockToInstant(value: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  // Offset of the zone at that moment (two passes handle DST edges).
  let guess = asUtc;
  for (let i = 0; i < 2; i++) guess = asUtc - zoneOffsetMs(guess, timeZone);
  return new Date(guess);
}

// Offsets per zone and UTC hour. An hour's offset serves every instant in it when the offset is the
// same at both ends of the hour (no zone changes its offset twice within an hour); around a
// transition each instant is computed exactly. A page of calls spans a few hours: mostly hits.
const HOUR_MS = 3_600_000;
const hourOffsets = new Map<string, number>();

function zoneOffsetMs(instant: number, timeZone: string): number {
  const hourStart = Math.floor(instant / HOUR_MS) * HOUR_MS;
  const key = `${timeZone}|${hourStart}`;
  const cached = hourOffsets.get(key);
  if (cached !== undefined) return cached;
  const atStart = exactZoneOffsetMs(hourStart, timeZone);
  if (atStart !== exactZoneOffsetMs(hourStart + HOUR_MS - 1000, timeZone)) return exactZoneOffsetMs(instant, timeZone);
  if (hourOffsets.size >= 50_000) hourOffsets.clear();
  hourOffsets.set(key, atStart);
  return atStart;
}

function exactZoneOffsetMs(instant: number, timeZone: string): number {
  const parts = formatterFor("parts", timeZone).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const local = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return local - Math.floor(instant / 1000) * 1000;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
