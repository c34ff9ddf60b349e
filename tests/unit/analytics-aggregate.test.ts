import { describe, expect, it } from "vitest";
import { aggregateCalls, createAggregator, withoutCosts, type AggregatableCall } from "@/lib/analytics/aggregate";
import { STATUS_GROUPS, statusGroupOf } from "@/lib/analytics/definitions";
import { withDefaultRange, selectionKey } from "@/lib/analytics/query";

// Eight calls over three days, numbers worked out by hand below.
const CALLS: AggregatableCall[] = [
  // day 2026-11-03
  { id: 8, status: "completed", created_at: "2026-11-03 18:00:00", duration: 120, answered_by: "human", total_cost: 0.1, evaluation: { sentiment: "positive", outcome: "appointment_booked", score: 9 }, assistant_id: 101, assistant_name: "Ayşe", campaign_id: 1001, campaign_name: "Kış" },
  { id: 7, status: "ended_by_customer", created_at: "2026-11-03 09:15:00", duration: 60, answered_by: "machine", total_cost: 0.0505, evaluation: { sentiment: "neutral", outcome: "voicemail", score: 5 }, assistant_id: 101, assistant_name: "Ayşe", campaign_id: null, campaign_name: null },
  { id: 6, status: "no-answer", created_at: "2026-11-03 08:00:00", duration: 0, answered_by: null, total_cost: 0, evaluation: null, assistant_id: 102, assistant_name: "Destek", campaign_id: 1001, campaign_name: "Kış" },
  // day 2026-11-02: nothing
  // day 2026-11-01
  { id: 5, status: "failed", created_at: "2026-11-01 23:59:59", duration: null, answered_by: null, total_cost: null, evaluation: {}, assistant_id: 102, assistant_name: "Destek", campaign_id: null, campaign_name: null },
  { id: 4, status: "busy", created_at: "2026-11-01 12:00:00", duration: 0, answered_by: null, total_cost: 0.0001, evaluation: { sentiment: "negative" }, assistant_id: 103, assistant_name: null, campaign_id: null, campaign_name: null },
  { id: 3, status: "ended", created_at: "2026-11-01 10:00:00", duration: 30, answered_by: "human", total_cost: 0.0333, evaluation: { sentiment: "positive", outcome: "resolved", score: 7.5 }, assistant_id: 103, assistant_name: null, campaign_id: 1002, campaign_name: "Yaz" },
  { id: 2, status: "in-progress", created_at: "2026-11-01 09:00:00", duration: null, answered_by: "human", total_cost: null, evaluation: null, assistant_id: null, assistant_name: null, campaign_id: null, campaign_name: null },
  // no date, unknown status
  { id: 1, status: "transferred", created_at: null, duration: 15, answered_by: "human", total_cost: 0.2, evaluation: { sentiment: "positive", score: 6 }, assistant_id: 101, assistant_name: "Ayşe", campaign_id: 1002, campaign_name: "Yaz" },
];

describe("status groups", () => {
  it("counts completed, ended, ended_by_customer and ended_by_assistant as completed; busy as no answer", () => {
    expect(STATUS_GROUPS.find((g) => g.id === "completed")!.statuses).toEqual(["completed", "ended", "ended_by_customer", "ended_by_assistant"]);
    expect(["completed", "ended", "ended_by_customer", "ended_by_assistant"].map(statusGroupOf)).toEqual(["completed", "completed", "completed", "completed"]);
    expect(["no-answer", "busy", "failed", "initiated", "ringing", "in-progress", "weird", null].map(statusGroupOf)).toEqual([
      "no_answer",
      "no_answer",
      "failed",
      "in_progress",
      "in_progress",
      "in_progress",
      "other",
      "other",
    ]);
  });
});

describe("aggregating calls", () => {
  const a = aggregateCalls(CALLS, { from: "2026-11-01", to: "2026-11-03" });

  it("summary numbers", () => {
    expect(a.totalCalls).toBe(8);
    expect(a.groups).toEqual({ completed: 3, no_answer: 2, failed: 1, in_progress: 1, other: 1 });
    expect(a.shares).toEqual({ completed: 0.375, noAnswer: 0.25, failed: 0.125 });
    expect(a.answeredBy).toEqual({ human: 4, machine: 1, unknown: 3 });
    // durations: 120 + 60 + 0 + 0 + 30 + 15 = 225 over 6 calls
    expect(a.duration).toEqual({ totalSeconds: 225, averageSeconds: 37.5, calls: 6 });
    // costs: 0.1 + 0.0505 + 0 + 0.0001 + 0.0333 + 0.2 = 0.3839 over 6 calls (exact, no float drift)
    expect(a.cost).toEqual({ total: 0.3839, average: 0.064, calls: 6 });
    // scores: 9 + 5 + 7.5 + 6 = 27.5 over 4
    expect(a.score).toEqual({ average: 6.88, calls: 4 });
    expect(a.statuses).toEqual([
      { status: "busy", count: 1 },
      { status: "completed", count: 1 },
      { status: "ended", count: 1 },
      { status: "ended_by_customer", count: 1 },
      { status: "failed", count: 1 },
      { status: "in-progress", count: 1 },
      { status: "no-answer", count: 1 },
      { status: "transferred", count: 1 },
    ]);
  });

  it("calls per day in the range, empty days included, stacked by status group", () => {
    expect(a.perDay).toEqual([
      { date: "2026-11-01", total: 4, completed: 1, no_answer: 1, failed: 1, in_progress: 1, other: 0 },
      { date: "2026-11-02", total: 0, completed: 0, no_answer: 0, failed: 0, in_progress: 0, other: 0 },
      { date: "2026-11-03", total: 3, completed: 2, no_answer: 1, failed: 0, in_progress: 0, other: 0 },
    ]);
    expect(a.undated).toBe(1);
  });

  it("sentiment and outcome distributions, unevaluated calls counted as such", () => {
    expect(a.sentiment).toEqual([
      { key: "positive", label: "positive", count: 3 },
      { key: "", label: "Not evaluated", count: 3 },
      { key: "negative", label: "negative", count: 1 },
      { key: "neutral", label: "neutral", count: 1 },
    ]);
    expect(a.outcome).toEqual([
      { key: "", label: "Not evaluated", count: 5 },
      { key: "appointment_booked", label: "appointment_booked", count: 1 },
      { key: "resolved", label: "resolved", count: 1 },
      { key: "voicemail", label: "voicemail", count: 1 },
    ]);
  });

  it("per assistant: calls, completion rate, average duration and score, cost", () => {
    expect(a.assistants).toEqual([
      { key: "id:101", id: 101, label: "Ayşe", calls: 3, completed: 2, completionRate: 0.666667, averageDurationSeconds: 65, averageScore: 6.67, totalCost: 0.3505 },
      { key: "id:103", id: 103, label: "Assistant 103", calls: 2, completed: 1, completionRate: 0.5, averageDurationSeconds: 15, averageScore: 7.5, totalCost: 0.0334 },
      { key: "id:102", id: 102, label: "Destek", calls: 2, completed: 0, completionRate: 0, averageDurationSeconds: 0, averageScore: null, totalCost: 0 },
      { key: "unknown", id: null, label: "Unknown assistant", calls: 1, completed: 0, completionRate: 0, averageDurationSeconds: null, averageScore: null, totalCost: 0 },
    ]);
  });

  it("per campaign, with calls outside any campaign as “No campaign”", () => {
    expect(a.campaigns).toEqual([
      { key: "none", id: null, label: "No campaign", calls: 4, completed: 1, completionRate: 0.25, averageDurationSeconds: 30, averageScore: 5, totalCost: 0.0506 },
      { key: "id:1001", id: 1001, label: "Kış", calls: 2, completed: 1, completionRate: 0.5, averageDurationSeconds: 60, averageScore: 9, totalCost: 0.1 },
      { key: "id:1002", id: 1002, label: "Yaz", calls: 2, completed: 1, completionRate: 0.5, averageDurationSeconds: 22.5, averageScore: 6.75, totalCost: 0.2333 },
    ]);
  });

  it("gives the same answer streamed call by call, and empty answers for no calls", () => {
    const agg = createAggregator({ from: "2026-11-01", to: "2026-11-03" });
    for (const c of [...CALLS].reverse()) agg.add(c);
    expect(agg.result()).toEqual(a);
    const none = aggregateCalls([], { from: "2026-11-01", to: "2026-11-01" });
    expect(none.totalCalls).toBe(0);
    expect(none.shares).toEqual({ completed: null, noAnswer: null, failed: null });
    expect(none.duration.averageSeconds).toBeNull();
    expect(none.cost).toEqual({ total: 0, average: null, calls: 0 });
    expect(none.perDay).toEqual([{ date: "2026-11-01", total: 0, completed: 0, no_answer: 0, failed: 0, in_progress: 0, other: 0 }]);
  });

  it("leaves out every cost for roles without calls:costs", () => {
    const w = withoutCosts(a);
    expect(w.cost).toBeNull();
    expect(w.assistants.every((r) => r.totalCost === null)).toBe(true);
    expect(w.campaigns.every((r) => r.totalCost === null)).toBe(true);
    expect(JSON.stringify(w)).not.toContain("0.3839");
  });
});

describe("analytics date range", () => {
  const now = new Date("2026-11-24T22:30:00Z"); // 25 Nov 01:30 in Istanbul
  it("defaults to the last 7 days in the team's time zone", () => {
    expect(withDefaultRange({}, "Europe/Istanbul", now)).toEqual({ date_from: "2026-11-19", date_to: "2026-11-25" });
    expect(withDefaultRange({}, "America/New_York", now)).toEqual({ date_from: "2026-11-18", date_to: "2026-11-24" });
  });
  it("closes one open end", () => {
    expect(withDefaultRange({ date_from: "2026-11-01" }, "Europe/Istanbul", now)).toEqual({ date_from: "2026-11-01", date_to: "2026-11-25" });
    expect(withDefaultRange({ date_to: "2026-11-10" }, "Europe/Istanbul", now)).toEqual({ date_from: "2026-11-04", date_to: "2026-11-10" });
    expect(withDefaultRange({ status: "failed", date_from: "2026-12-01" }, "Europe/Istanbul", now)).toEqual({ status: "failed", date_from: "2026-12-01", date_to: "2026-12-01" });
  });
  it("has one cache key per selection whatever the key order", () => {
    expect(selectionKey({ date_to: "2026-11-02", status: "failed", date_from: "2026-11-01" })).toBe(selectionKey({ status: "failed", date_from: "2026-11-01", date_to: "2026-11-02" }));
  });
});
