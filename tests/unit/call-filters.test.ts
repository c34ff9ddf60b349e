import { describe, expect, it } from "vitest";
import { filtersToSearchParams, normalisePhone, parseCallFilters, toUpstreamQuery } from "@/lib/validation/call-filters";
import { addDays, matchPreset, presetRange, todayIn, wallClockToInstant } from "@/lib/validation/dates";

const TR = { country: "TR" };

describe("call filter schema", () => {
  it("applies defaults and keeps only set filters for WhatTalk", () => {
    const r = parseCallFilters({}, TR);
    expect(r).toEqual({ ok: true, filters: { per_page: 25, page: 1 } });
    if (r.ok) expect(toUpstreamQuery(r.filters)).toEqual({ per_page: 25, page: 1 });
  });

  it("parses every filter from URL strings", () => {
    const r = parseCallFilters(
      { status: "no-answer", type: "outbound", phone_number: "0532 123 45 67", assistant_id: "101", campaign_id: "1002", date_from: "2026-11-01", date_to: "2026-11-24", per_page: "50", page: "3", view: "ignored" },
      TR,
    );
    expect(r).toEqual({
      ok: true,
      filters: { status: "no-answer", type: "outbound", phone_number: "+905321234567", assistant_id: 101, campaign_id: 1002, date_from: "2026-11-01", date_to: "2026-11-24", per_page: 50, page: 3 },
    });
  });

  it("treats blank values as unset", () => {
    expect(parseCallFilters({ status: "", phone_number: "  ", assistant_id: "" }, TR)).toEqual({ ok: true, filters: { per_page: 25, page: 1 } });
  });

  it.each([
    [{ status: "done" }, "status"],
    [{ type: "sms" }, "type"],
    [{ assistant_id: "abc" }, "assistant_id"],
    [{ assistant_id: "1.5" }, "assistant_id"],
    [{ campaign_id: "-3" }, "campaign_id"],
    [{ date_from: "2026-02-30" }, "date_from"],
    [{ date_to: "24/11/2026" }, "date_to"],
    [{ per_page: "0" }, "per_page"],
    [{ per_page: "101" }, "per_page"],
    [{ page: "0" }, "page"],
    [{ phone_number: "call me" }, "phone_number"],
    [{ phone_number: "12" }, "phone_number"],
    [{ date_from: "2026-11-10", date_to: "2026-11-09" }, "date_to"],
  ])("rejects %j with an error on %s", (input, field) => {
    const r = parseCallFilters(input, TR);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(Object.keys(r.fieldErrors)).toEqual([field]);
      expect(r.fieldErrors[field][0].length).toBeGreaterThan(10);
    }
  });

  it("normalises phone numbers as people type them, using the team's country", () => {
    expect(normalisePhone("0532 123 45 67", "TR")).toBe("+905321234567");
    expect(normalisePhone("+90 532 123 45 67", "TR")).toBe("+905321234567");
    expect(normalisePhone("(0532) 123-45-67", "TR")).toBe("+905321234567");
    expect(normalisePhone("030 1234567", "DE")).toBe("+49301234567");
    expect(normalisePhone("+1 212 555 0100", "TR")).toBe("+12125550100");
    expect(normalisePhone("532 12", "TR")).toBe("53212");
    expect(normalisePhone("+90 532", "TR")).toBe("+90532");
    expect(normalisePhone("abc", "TR")).toBeNull();
  });

  it("resolves a relative date preset in the team's time zone, on every parse", () => {
    const now = new Date("2026-11-24T22:30:00Z"); // already the 25th in Istanbul
    const r = parseCallFilters({ date_preset: "last7", date_from: "2020-01-01" }, { country: "TR", timeZone: "Europe/Istanbul" }, now);
    expect(r).toEqual({ ok: true, filters: { date_preset: "last7", date_from: "2026-11-19", date_to: "2026-11-25", per_page: 25, page: 1 } });
    if (!r.ok) return;
    // WhatTalk gets the dates, the URL keeps the preset.
    expect(toUpstreamQuery(r.filters)).toEqual({ date_from: "2026-11-19", date_to: "2026-11-25", per_page: 25, page: 1 });
    expect(filtersToSearchParams(r.filters).toString()).toBe("date_preset=last7");
    const later = parseCallFilters({ date_preset: "last7" }, { country: "TR", timeZone: "Europe/Istanbul" }, new Date("2026-12-10T12:00:00Z"));
    expect(later.ok && [later.filters.date_from, later.filters.date_to]).toEqual(["2026-12-04", "2026-12-10"]);
    const bad = parseCallFilters({ date_preset: "forever" }, TR);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.fieldErrors)).toEqual(["date_preset"]);
  });

  it("writes URLs without defaults", () => {
    expect(filtersToSearchParams({ status: "failed", page: 1, per_page: 25 }).toString()).toBe("status=failed");
    expect(filtersToSearchParams({ page: 2, per_page: 50 }).toString()).toBe("per_page=50&page=2");
  });
});

describe("dates in the team's time zone", () => {
  const now = new Date("2026-11-24T22:30:00Z"); // 01:30 on the 25th in Istanbul (UTC+3)
  it("computes presets on the team's calendar", () => {
    expect(todayIn("Europe/Istanbul", now)).toBe("2026-11-25");
    expect(todayIn("America/New_York", now)).toBe("2026-11-24");
    expect(presetRange("today", "Europe/Istanbul", now)).toEqual({ date_from: "2026-11-25", date_to: "2026-11-25" });
    expect(presetRange("yesterday", "Europe/Istanbul", now)).toEqual({ date_from: "2026-11-24", date_to: "2026-11-24" });
    expect(presetRange("last7", "Europe/Istanbul", now)).toEqual({ date_from: "2026-11-19", date_to: "2026-11-25" });
    expect(presetRange("thisMonth", "America/New_York", now)).toEqual({ date_from: "2026-11-01", date_to: "2026-11-24" });
    expect(matchPreset({ date_from: "2026-10-27", date_to: "2026-11-25" }, "Europe/Istanbul", now)).toBe("last30");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("reads WhatTalk's zone-less timestamps in the team's zone, across DST", () => {
    expect(wallClockToInstant("2026-11-24 14:30:00", "Europe/Istanbul")?.toISOString()).toBe("2026-11-24T11:30:00.000Z");
    expect(wallClockToInstant("2026-07-01 12:00:00", "Europe/Berlin")?.toISOString()).toBe("2026-07-01T10:00:00.000Z");
    expect(wallClockToInstant("2026-01-01 12:00:00", "Europe/Berlin")?.toISOString()).toBe("2026-01-01T11:00:00.000Z");
    expect(wallClockToInstant("2026-03-08 12:00:00", "America/New_York")?.toISOString()).toBe("2026-03-08T16:00:00.000Z");
    expect(wallClockToInstant("garbage", "UTC")).toBeNull();
  });
});
