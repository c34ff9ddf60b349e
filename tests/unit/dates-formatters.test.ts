// The per-zone formatter cache in lib/validation/dates.ts must give exactly what fresh formatters
// give, whatever order zones are asked in, and never cache a zone that does not exist.
import { describe, expect, it } from "vitest";
import { todayIn, wallClockToInstant } from "@/lib/validation/dates";

function reference(value: string, timeZone: string): string {
  // Independent computation: the exact offset at each instant (its own formatter), two passes like the original.
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(value)!;
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  const f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
  const offset = (instant: number) => {
    const p = Object.fromEntries(f.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
    return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - Math.floor(instant / 1000) * 1000;
  };
  let guess = asUtc;
  for (let i = 0; i < 2; i++) guess = asUtc - offset(guess);
  return new Date(guess).toISOString();
}

describe("date helpers with cached formatters", () => {
  it("interleaved zones give the same instants as fresh formatters (DST edges included)", () => {
    const zones = ["Europe/Istanbul", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"];
    const values = ["2026-03-08 01:59:59", "2026-03-08 03:00:00", "2026-03-29 02:30:00", "2026-10-25 02:30:00", "2026-11-01 01:30:00", "2026-12-31 23:59:59", "2026-04-05 01:45:00"];
    for (let round = 0; round < 2; round++) {
      for (const value of values) {
        for (const zone of zones) expect(wallClockToInstant(value, zone)?.toISOString(), `${value} ${zone}`).toBe(reference(value, zone));
      }
    }
  });

  it("todayIn answers per zone after other zones were used", () => {
    const now = new Date("2026-11-24T22:30:00Z");
    expect(todayIn("Europe/Istanbul", now)).toBe("2026-11-25");
    expect(todayIn("America/New_York", now)).toBe("2026-11-24");
    expect(todayIn("Europe/Istanbul", now)).toBe("2026-11-25");
  });

  it("an unknown zone still throws, every time", () => {
    expect(() => todayIn("Mars/Olympus_Mons")).toThrow(RangeError);
    expect(() => todayIn("Mars/Olympus_Mons")).toThrow(RangeError);
    expect(() => wallClockToInstant("2026-01-01 00:00:00", "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});

describe("wall clock → instant around every 2026 transition", () => {
  // Zones with whole-hour, half-hour (Lord Howe) and 45-minute offsets, both hemispheres.
  const zones = ["Europe/Istanbul", "Europe/Berlin", "America/New_York", "America/St_Johns", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Chatham", "UTC"];
  const pad = (n: number) => String(n).padStart(2, "0");
  const wall = (t: number) => {
    const d = new Date(t);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  };

  it("matches the exact computation every 7 min 13 s within two days of each transition", () => {
    for (const zone of zones) {
      const f = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" });
      const offsetName = (t: number) => f.formatToParts(new Date(t)).find((p) => p.type === "timeZoneName")!.value;
      const transitions: number[] = [];
      const start = Date.UTC(2026, 0, 1);
      for (let t = start; t < Date.UTC(2027, 0, 1); t += 3_600_000) if (offsetName(t) !== offsetName(t + 3_600_000)) transitions.push(t);
      if (zone !== "UTC" && zone !== "Asia/Kathmandu" && zone !== "Europe/Istanbul") expect(transitions.length, zone).toBeGreaterThan(0);
      for (const at of transitions.length ? transitions : [Date.UTC(2026, 5, 1)]) {
        for (let t = at - 2 * 86_400_000; t < at + 2 * 86_400_000; t += 433_000) {
          const value = wall(t);
          expect(wallClockToInstant(value, zone)?.toISOString(), `${zone} ${value}`).toBe(reference(value, zone));
        }
      }
    }
  });
});
