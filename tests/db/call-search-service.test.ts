// The index list service: filters, orders and pages checked against a scan of the same calls;
// agents' scope (in SQL and re-checked), cost hiding, cross-team isolation, freshness and the
// clear refusals when the index is off or not built yet.
import { beforeAll, describe, expect, it } from "vitest";
import type { TeamAccess } from "@/lib/auth/team-access";
import { indexedCallRow } from "@/lib/call-index/row";
import { listTeamCalls } from "@/lib/calls/list-calls";
import type { CallListResult } from "@/lib/calls/types";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseCallFilters } from "@/lib/validation/call-filters";
import { wallClockToInstant } from "@/lib/validation/dates";
import type { UpstreamCall } from "@/lib/whattalk";
import { assign, insertCalls, makeCall, makeTeam, markSynced, simulatorCalls, TZ } from "./call-index-fixtures";

let A: Awaited<ReturnType<typeof makeTeam>>;
let calls: UpstreamCall[];

async function list(access: TeamAccess, input: Record<string, unknown>): Promise<CallListResult> {
  const parsed = parseCallFilters({ per_page: 100, ...input }, access.team);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
  return listTeamCalls(access, parsed.filters);
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

const at = (c: UpstreamCall) => wallClockToInstant(c.created_at!, TZ)!.getTime();
const newest = (a: UpstreamCall, b: UpstreamCall) => at(b) - at(a) || b.id - a.id;
const ev = (c: UpstreamCall) => (c.evaluation ?? {}) as { sentiment?: string; outcome?: string; score?: number };
const byNullsLast = (key: (c: UpstreamCall) => number | null | undefined, dir: 1 | -1) => (a: UpstreamCall, b: UpstreamCall) => {
  const [x, y] = [key(a), key(b)];
  if (x == null || y == null) return x == null && y == null ? newest(a, b) : x == null ? 1 : -1;
  return (x - y) * dir || newest(a, b);
};

beforeAll(async () => {
  A = await makeTeam();
  calls = simulatorCalls().filter((c) => c.created_at);
  await insertCalls(A.team.id, calls);
  await markSynced(A.team.id);
});

describe("filters and orders (checked against a scan of the same calls)", () => {
  const cases: [string, Record<string, unknown>, (c: UpstreamCall) => boolean, ((a: UpstreamCall, b: UpstreamCall) => number)?][] = [
    ["sentiment", { sentiment: "negative" }, (c) => ev(c).sentiment === "negative"],
    ["outcomes (any of)", { outcome: "callback_requested,Resolved" }, (c) => ["callback_requested", "resolved"].includes(ev(c).outcome ?? "")],
    ["score range, highest first", { score_min: 4, score_max: 6.5, sort: "score_high" }, (c) => typeof ev(c).score === "number" && ev(c).score! >= 4 && ev(c).score! <= 6.5, byNullsLast((c) => ev(c).score, -1)],
    ["duration range and answered by, longest first", { duration_min: 60, duration_max: 600, answered_by: "human", sort: "longest" }, (c) => c.duration != null && c.duration >= 60 && c.duration <= 600 && c.answered_by === "human", byNullsLast((c) => c.duration, -1)],
    ["status and type with a sentiment, oldest first", { status: "completed", type: "outbound", sentiment: "positive", sort: "oldest" }, (c) => c.status === "completed" && c.type === "outbound" && ev(c).sentiment === "positive", (a, b) => -newest(a, b)],
    ["shortest first (no duration last)", { sort: "shortest", type: "web" }, (c) => c.type === "web", byNullsLast((c) => c.duration, 1)],
    ["cost range, cheapest first", { cost_min: 0.1, cost_max: 2, sort: "cost_low" }, (c) => c.total_cost != null && c.total_cost >= 0.1 && c.total_cost <= 2, byNullsLast((c) => c.total_cost, 1)],
    ["cost, dearest first (no cost last)", { sort: "cost_high", status: "failed" }, (c) => c.status === "failed", byNullsLast((c) => c.total_cost, -1)],
    ["assistant and campaign", { assistant_id: 103, campaign_id: 1003, sentiment: "neutral" }, (c) => c.assistant_id === 103 && c.campaign_id === 1003 && ev(c).sentiment === "neutral"],
    ["whole local days", { date_from: "2026-11-01", date_to: "2026-11-03", sentiment: "positive" }, (c) => c.created_at!.slice(0, 10) >= "2026-11-01" && c.created_at!.slice(0, 10) <= "2026-11-03" && ev(c).sentiment === "positive"],
  ];
  it.each(cases)("%s", async (_name, input, keep, order = newest) => {
    const expected = calls.filter(keep).sort(order);
    expect(expected.length).toBeGreaterThan(0);
    const result = await list(A.members.OWNER, input);
    expect(result.total).toBe(expected.length);
    expect(result.calls.map((c) => c.id)).toEqual(expected.slice(0, 100).map((c) => c.id));
  });

  it("a phone number as WhatTalk reads it: contained in the customer's number", async () => {
    const sample = calls.find((c) => c.client_phone_number?.startsWith("+90"))!;
    const part = sample.client_phone_number!.slice(3, 9);
    const expected = calls.filter((c) => c.client_phone_number?.includes(part) && ev(c).sentiment === "positive");
    const result = await list(A.members.OWNER, { phone_number: part, sentiment: "positive" });
    expect(result.total).toBe(expected.length);
    const full = await list(A.members.OWNER, { phone_number: `0${sample.client_phone_number!.slice(3)}`, sort: "oldest" });
    expect(full.calls.map((c) => c.id)).toEqual(calls.filter((c) => c.client_phone_number === sample.client_phone_number).sort((a, b) => -newest(a, b)).map((c) => c.id));
  });

  it("pages through an exact total without overlap", async () => {
    const expected = calls.filter((c) => ev(c).sentiment === "neutral").sort(newest);
    const seen: number[] = [];
    for (let page = 1; page <= 3; page++) {
      const result = await list(A.members.OWNER, { sentiment: "neutral", per_page: 25, page });
      expect(result.total).toBe(expected.length);
      expect(result.lastPage).toBe(Math.ceil(expected.length / 25));
      seen.push(...result.calls.map((c) => c.id));
    }
    expect(seen).toEqual(expected.slice(0, 75).map((c) => c.id));
    const past = await list(A.members.OWNER, { sentiment: "neutral", page: 10_000 });
    expect(past.calls).toEqual([]);
    expect(past.total).toBe(expected.length);
  });
});

describe("agents, costs, other teams", () => {
  let B: Awaited<ReturnType<typeof makeTeam>>;
  const mine = makeCall("User: Faturamı iptal etmek istiyorum.", { assistant_id: 101, total_cost: 1.2345 });
  const other = makeCall("User: Faturamı iptal etmek istiyorum, lütfen.", { assistant_id: 103 });
  const byName = makeCall("User: Fatura iptal talebim var.", { assistant_id: null, assistant_name: "  satış asistanı " });
  const unknown = makeCall("User: Fatura iptal olmadı.", { assistant_id: null, assistant_name: "Başka Asistan" });
  const tampered = makeCall("User: Fatura iptal edildi mi?", { assistant_id: 104 });
  let team: Awaited<ReturnType<typeof makeTeam>>;

  beforeAll(async () => {
    team = await makeTeam();
    await assign(team.members.AGENT, [101, 102]);
    await db().assistant.create({ data: { teamId: team.team.id, externalId: 102, name: "Satış Asistanı", source: "SYNC" } });
    await insertCalls(team.team.id, [mine, other, byName, unknown]);
    // A row whose columns say assistant 101 while the stored call says 104: the re-check drops it.
    await db().indexedCall.create({ data: { ...indexedCallRow(team.team.id, TZ, tampered)!, assistantId: 101 } });
    await markSynced(team.team.id);
    B = await makeTeam();
    await insertCalls(B.team.id, [makeCall("User: Faturamı iptal etmek istiyorum.", { assistant_id: 101 })]);
    await markSynced(B.team.id);
  });

  it("an agent finds only their assistants' calls (by id, or by name when the call has none), without costs", async () => {
    const result = await list(team.members.AGENT, { q: "fatura iptal" });
    expect(result.calls.map((c) => c.id).sort()).toEqual([mine.id, byName.id].sort());
    expect(result.meta.droppedOutOfScope).toBe(1);
    expect(result.meta.scope).toBe("assigned");
    for (const c of result.calls) expect(Object.keys(c).filter((k) => /cost/i.test(k))).toEqual([]);
    expect(JSON.stringify(result)).not.toContain("1.2345");
  });

  it("a supervisor finds all of the team's, with costs and cost filters", async () => {
    const result = await list(team.members.SUPERVISOR, { q: "fatura iptal" });
    expect(result.calls.map((c) => c.id).sort()).toEqual([mine.id, other.id, byName.id, unknown.id, tampered.id].sort());
    expect(result.calls.find((c) => c.id === mine.id)?.totalCost).toBe(1.2345);
    const costly = await list(team.members.SUPERVISOR, { q: "iptal", cost_min: 1, sort: "cost_high" });
    expect(costly.calls.map((c) => c.id)).toEqual([mine.id]);
  });

  it("refuses cost filters and cost orders to a role without calls:costs, and another assistant to an agent", async () => {
    const cost = await refusal(list(team.members.AGENT, { q: "iptal", cost_max: 5 }));
    expect([cost.status, Object.keys(cost.fieldErrors ?? {})]).toEqual([400, ["cost_max"]]);
    const sort = await refusal(list(team.members.AGENT, { sort: "cost_low" }));
    expect([sort.status, Object.keys(sort.fieldErrors ?? {})]).toEqual([400, ["sort"]]);
    const other103 = await refusal(list(team.members.AGENT, { q: "iptal", assistant_id: 103 }));
    expect(other103.status).toBe(403);
  });

  it("never answers with another team's calls", async () => {
    const inB = await list(B.members.OWNER, { q: "fatura iptal" });
    expect(inB.total).toBe(1);
    const ids = (await list(team.members.OWNER, { q: "fatura" })).calls.map((c) => c.id);
    expect(ids).not.toContain(inB.calls[0].id);
  });

  it("shows the match with the original text highlighted", async () => {
    const [call] = (await list(team.members.SUPERVISOR, { q: "İPTAL -olmadı -edildi -lütfen -talebim" })).calls;
    expect(call.id).toBe(mine.id);
    expect(call.match?.snippet).toBe("User: Faturamı iptal etmek istiyorum.");
    expect(call.match?.highlights.map(([s, e]) => call.match!.snippet.slice(s, e))).toEqual(["iptal"]);
  });
});

describe("index state", () => {
  it("says how fresh and how complete the index is", async () => {
    const t = await makeTeam();
    await insertCalls(t.team.id, [makeCall("User: randevu almak istiyorum")]);
    const syncedAt = new Date(Date.now() - 40_000);
    const reachesBackTo = new Date("2026-11-10T00:00:00Z");
    await markSynced(t.team.id, { complete: false, reachesBackTo, at: syncedAt });
    const result = await list(t.members.OWNER, { q: "randevu" });
    expect(result.meta.source).toBe("index");
    expect(result.meta.index).toMatchObject({ syncedAt: syncedAt.toISOString(), complete: false, reachesBack: reachesBackTo.toISOString() });
    expect(result.meta.index!.ageSeconds).toBeGreaterThanOrEqual(40);
    expect(result.total).toBe(1);
  });

  it("refuses clearly when the index is off or not built yet", async () => {
    const off = await makeTeam({ retentionDays: null });
    const e1 = await refusal(list(off.members.OWNER, { q: "randevu" }));
    expect([e1.status, e1.message]).toEqual([409, "Search needs the call index, which is off for this team: an admin can turn it on in Settings → Search index."]);
    const fresh = await makeTeam();
    const e2 = await refusal(list(fresh.members.OWNER, { sentiment: "negative" }));
    expect([e2.status, e2.message]).toEqual([409, "The call index is still being built: try again in a minute."]);
  });
});
