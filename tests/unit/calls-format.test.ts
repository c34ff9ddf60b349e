import { describe, expect, it } from "vitest";
import { formatCallTime, formatCallTimeFull, formatCost, formatCount, formatDuration, formatScore, humanize, statusTone, wallClockOf } from "@/lib/calls/format";

describe("formatDuration", () => {
  it.each([
    [0, "0:00"],
    [5, "0:05"],
    [65, "1:05"],
    [599, "9:59"],
    [245, "4:05"],
    [3599, "59:59"],
    [3600, "1:00:00"],
    [3725, "1:02:05"],
    [64.6, "1:05"],
  ])("%s s → %s", (s, out) => expect(formatDuration(s)).toBe(out));

  it("shows a dash when unknown or nonsensical", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(undefined)).toBe("—");
    expect(formatDuration(-3)).toBe("—");
    expect(formatDuration(Number.NaN)).toBe("—");
  });
});

describe("call times (team time zone)", () => {
  it("formats WhatTalk's wall clock as day, month and time", () => {
    expect(formatCallTime("2025-11-24 14:30:05")).toBe("24 Nov 14:30");
    expect(formatCallTime("2025-09-03 09:05:00")).toBe("3 Sep 09:05");
  });

  it("adds the year only when it is not the current one", () => {
    expect(formatCallTime("2025-11-24 14:30:05", 2025)).toBe("24 Nov 14:30");
    expect(formatCallTime("2024-12-31 23:59:59", 2025)).toBe("31 Dec 2024 23:59");
  });

  it("gives the full date, time and zone for the tooltip", () => {
    expect(formatCallTimeFull("2025-11-24 14:30:05", "Europe/Istanbul")).toBe("Mon 24 Nov 2025, 14:30:05 (Europe/Istanbul)");
    expect(formatCallTimeFull("2024-02-29 00:00:00", "UTC")).toBe("Thu 29 Feb 2024, 00:00:00 (UTC)");
  });

  it("shows a dash for missing or malformed times", () => {
    expect(formatCallTime(null)).toBe("—");
    expect(formatCallTime("yesterday")).toBe("—");
    expect(formatCallTime("2025-13-01 10:00:00")).toBe("—");
    expect(formatCallTimeFull("", "UTC")).toBe("—");
  });

  it("reads an instant on a zone's wall clock, across DST", () => {
    expect(wallClockOf("2025-11-24T11:30:05.000Z", "Europe/Istanbul")).toBe("2025-11-24 14:30:05");
    expect(wallClockOf("2025-07-01T12:00:00Z", "Europe/Berlin")).toBe("2025-07-01 14:00:00");
    expect(wallClockOf("2025-01-01T12:00:00Z", "Europe/Berlin")).toBe("2025-01-01 13:00:00");
    expect(wallClockOf("2025-01-01T03:00:00Z", "America/New_York")).toBe("2024-12-31 22:00:00");
    expect(wallClockOf(null, "UTC")).toBeNull();
    expect(wallClockOf("nonsense", "UTC")).toBeNull();
  });
});

describe("other fields", () => {
  it("formats costs with 2 to 4 decimals", () => {
    expect(formatCost(0.025)).toBe("0.025");
    expect(formatCost(0.02)).toBe("0.02");
    expect(formatCost(1.5)).toBe("1.50");
    expect(formatCost(0.12345)).toBe("0.1235");
    expect(formatCost(0)).toBe("0.00");
    expect(formatCost(null)).toBe("—");
  });

  it("humanizes WhatTalk's identifiers", () => {
    expect(humanize("ended_by_customer")).toBe("Ended by customer");
    expect(humanize("no-answer")).toBe("No answer");
    expect(humanize("in-progress")).toBe("In progress");
    expect(humanize("qualified_lead")).toBe("Qualified lead");
    expect(humanize(null)).toBe("—");
    expect(humanize("__")).toBe("—");
  });

  it("colours statuses, unknown ones neutral", () => {
    expect(statusTone("in-progress")).toBe("live");
    expect(statusTone("ringing")).toBe("live");
    expect(statusTone("completed")).toBe("success");
    expect(statusTone("no-answer")).toBe("warning");
    expect(statusTone("failed")).toBe("destructive");
    expect(statusTone("transferred")).toBe("neutral");
    expect(statusTone(null)).toBe("neutral");
  });

  it("rounds scores and groups counts", () => {
    expect(formatScore(8.5)).toBe("8.5");
    expect(formatScore(7.25)).toBe("7.3");
    expect(formatScore(null)).toBe("—");
    expect(formatCount(6443)).toBe("6,443");
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatCount(25)).toBe("25");
  });
});
