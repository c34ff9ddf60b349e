// Time-zone helpers for the simulator: UTC instants <-> "YYYY-MM-DD HH:MM:SS" wall-clock strings
// in an IANA zone, using only Intl. Offsets are cached per UTC hour (every zone the simulator uses
// changes offset on a whole UTC hour), so formatting thousands of timestamps stays cheap.

const HOUR = 3_600_000;
export const MINUTE = 60_000;
export const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Offset of `timeZone` from UTC at instant `epochMs`, in milliseconds (Istanbul: +3 h). */
export function zoneOffsetMs(timeZone: string, epochMs: number): number {
  const hour = Math.floor(epochMs / HOUR);
  const cacheKey = `${timeZone}|${hour}`;
  const cached = offsetCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const at = hour * HOUR;
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(at))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
  const offset = asUtc - at;
  if (offsetCache.size > 50_000) offsetCache.clear();
  offsetCache.set(cacheKey, offset);
  return offset;
}

const pad2 = (n: number) => (n < 10 ? "0" : "") + n;

/** Formats an instant as `YYYY-MM-DD HH:MM:SS` on the wall clock of `timeZone`. */
export function formatInZone(epochMs: number, timeZone: string): string {
  const d = new Date(epochMs + zoneOffsetMs(timeZone, epochMs));
  const y = d.getUTCFullYear();
  return (
    `${String(y).padStart(4, "0")}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`
  );
}

export const LOCAL_TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * The instant at which the wall clock of `timeZone` shows `local` ("YYYY-MM-DD HH:MM:SS").
 * Ambiguous times (autumn fall-back) resolve to the earlier instant; times in the spring gap
 * resolve to the instant one hour later. Returns NaN when `local` is not in that format.
 */
export function zonedToEpoch(local: string, timeZone: string): number {
  const m = LOCAL_TIMESTAMP_RE.exec(local);
  if (!m) return NaN;
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  // Try both candidate offsets around the wall time; keep the earliest that formats back exactly.
  const o1 = zoneOffsetMs(timeZone, asUtc - 14 * HOUR);
  const o2 = zoneOffsetMs(timeZone, asUtc + 14 * HOUR);
  const candidates = [asUtc - Math.max(o1, o2), asUtc - Math.min(o1, o2)].sort((a, b) => a - b);
  for (const c of candidates) {
    if (formatInZone(c, timeZone) === local) return c;
  }
  // In a spring-forward gap: no exact match, use the pre-transition offset (lands after the gap).
  return asUtc - Math.min(o1, o2);
}

/** Whether `s` is a real calendar date written exactly as `YYYY-MM-DD` (PHP `Y-m-d` round trip). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(2000, mo, 0)).getUTCDate(); // month length in a leap year
  if (d > days) return false;
  if (mo === 2 && d === 29) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return true;
}
