/** A date (and time) in the team's time zone, e.g. "24 Nov 2026, 14:05". */
export function formatInTimeZone(iso: string | Date, timeZone: string, withTime = true): string {
  const d = typeof iso === "string" ? new Date(iso) : iso;
  return new Intl.DateTimeFormat("en-GB", { timeZone, dateStyle: "medium", ...(withTime ? { timeStyle: "short" } : {}) }).format(d);
}
