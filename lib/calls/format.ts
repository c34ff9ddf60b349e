// Formatting of call fields for the calls pages. Pure and deterministic (no locale month names
// from Intl, whose abbreviations differ between ICU versions), so the server render and the
// browser's hydration always agree. Safe for client bundles.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/;

export const EMPTY = "—";

/** Seconds as m:ss (h:mm:ss from an hour on); "—" when unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return EMPTY;
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

type WallClockParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function partsOf(local: string | null | undefined): WallClockParts | null {
  const m = local ? WALL_CLOCK.exec(local) : null;
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1, 6).map(Number);
  const p = { year, month, day, hour, minute, second: m[6] ? Number(m[6]) : 0 };
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > 31 || p.hour > 23 || p.minute > 59 || p.second > 59) return null;
  return p;
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A wall-clock time ("YYYY-MM-DD HH:MM:SS" in the team's zone, as WhatTalk sends it) as
 * "24 Nov 14:30"; with the year ("24 Nov 2024 14:30") when it is not `currentYear`.
 */
export function formatCallTime(local: string | null | undefined, currentYear?: number): string {
  const p = partsOf(local);
  if (!p) return EMPTY;
  const year = currentYear !== undefined && p.year !== currentYear ? ` ${p.year}` : "";
  return `${p.day} ${MONTHS[p.month - 1]}${year} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** The full form: "Mon 24 Nov 2025, 14:30:05 (Europe/Istanbul)". */
export function formatCallTimeFull(local: string | null | undefined, timeZone: string): string {
  const p = partsOf(local);
  if (!p) return EMPTY;
  const weekday = WEEKDAYS[new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay()];
  return `${weekday} ${p.day} ${MONTHS[p.month - 1]} ${p.year}, ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)} (${timeZone})`;
}

/** An instant (ISO string) as the wall clock of a time zone: "YYYY-MM-DD HH:MM:SS". */
export function wallClockOf(iso: string | null | undefined, timeZone: string): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(date);
  const get = (t: string) => parts.find((x) => x.type === t)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}:${get("second")}`;
}

/** Money as WhatTalk reports it (its currency is not documented): up to 4 decimals, at least 2. */
export function formatCost(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY;
  const fixed = value.toFixed(4).replace(/(\.\d\d\d*?)0+$/, "$1");
  return fixed;
}

/** "ended_by_customer" → "Ended by customer", "no-answer" → "No answer". */
export function humanize(value: string | null | undefined): string {
  if (!value) return EMPTY;
  const words = value.replace(/[_-]+/g, " ").trim();
  if (!words) return EMPTY;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export type StatusTone = "live" | "success" | "warning" | "destructive" | "neutral";

const TONES: Record<string, StatusTone> = {
  initiated: "live",
  ringing: "live",
  "in-progress": "live",
  completed: "success",
  ended: "success",
  ended_by_customer: "success",
  ended_by_assistant: "success",
  busy: "warning",
  "no-answer": "warning",
  failed: "destructive",
};

/** How a status is coloured; unknown statuses (WhatTalk may add some) are neutral. */
export function statusTone(status: string | null | undefined): StatusTone {
  return (status && TONES[status]) || "neutral";
}

/** A score as WhatTalk gives it (e.g. 8.5 out of 10): at most one decimal. */
export function formatScore(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY;
  return String(Math.round(value * 10) / 10);
}

/** "1,234" (en-GB grouping, fixed so server and browser agree). */
export function formatCount(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
