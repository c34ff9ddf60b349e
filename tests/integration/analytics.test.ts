// Analytics over HTTP against the production build: the numbers equal a brute-force count over
// the simulator's own data for several filters; progress is streamed; results are cached; access.
import { beforeEach, describe, expect, it } from "vitest";
import { Client, connectTeam, createTeam, createUser, simAllCalls, simControl, simRequests, teamWithRoles } from "./helpers";

type SimCall = {
  id: number;
  status: string | null;
  created_at: string | null;
  duration: number | null;
  answered_by: string | null;
  total_cost: number | string | null;
  evaluation: Record<string, unknown> | null;
  assistant_id: number | null;
  assistant_name: string | null;
  campaign_id: number | null;
  campaign_name: string | null;
};
type Line = { type: "progress"; fetched: number; total: number; resumesAt: string | null } | { type: "result"; result: Result } | { type: "error"; code: string; message: string };
type Row = { key: string; id: number | null; label: string; calls: number; completed: number; completionRate: number; averageDurationSeconds: number | null; averageScore: number | null; totalCost: number | null };
type Result = {
  data: {
    totalCalls: number;
    groups: Record<string, number>;
    shares: { completed: number | null; noAnswer: number | null; failed: number | null };
    answeredBy: { human: number; machine: number; unknown: number };
    duration: { totalSeconds: number; averageSeconds: number | null; calls: number };
    cost: { total: number; average: number | null; calls: number } | null;
    score: { average: number | null; calls: number };
    perDay: ({ date: string; total: number } & Record<string, number>)[];
    sentiment: { key: string; count: number }[];
    outcome: { key: string; count: number }[];
    assistants: Row[];
    campaigns: Row[];
  };
  meta: { from: string; to: string; cached: boolean; requests: number };
};

function istanbulDate(offsetDays = 0): string {
  const d = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Istanbul", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const [y, m, day] = d.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, day + offsetDays)).toISOString().slice(0, 10);
}

async function readLines(res: Response): Promise<Line[]> {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("application/x-ndjson");
  const text = await res.text();
  return text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);
}

async function analytics(client: Client, teamId: string, query: Record<string, string>) {
  const lines = await readLines(await client.get(`/api/teams/${teamId}/analytics?${new URLSearchParams(query)}`));
  const last = lines[lines.length - 1];
  if (last.type !== "result") throw new Error(`analytics ended with ${JSON.stringify(last)}`);
  return { lines, result: last.result };
}

// ---------------------------------------------------------------------------------------------
// Brute force, written independently of lib/analytics (the definitions as the UI states them).

const COMPLETED = ["completed", "ended", "ended_by_customer", "ended_by_assistant"];
const NO_ANSWER = ["no-answer", "busy"];
const LIVE = ["initiated", "ringing", "in-progress"];
const groupOf = (s: string | null) => (s && COMPLETED.includes(s) ? "completed" : s && NO_ANSWER.includes(s) ? "no_answer" : s === "failed" ? "failed" : s && LIVE.includes(s) ? "in_progress" : "other");
const num = (v: unknown) => (typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v)) ? Number(v) : null);
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) out.push(d.toISOString().slice(0, 10));
  return out;
}

function expectBruteForce(result: Result, calls: SimCall[], from: string, to: string) {
  const d = result.data;
  expect(d.totalCalls).toBe(calls.length);
  const groups: Record<string, number> = { completed: 0, no_answer: 0, failed: 0, in_progress: 0, other: 0 };
  for (const c of calls) groups[groupOf(c.status)]++;
  expect(d.groups).toEqual(groups);
  if (calls.length) {
    expect(d.shares.completed).toBeCloseTo(groups.completed / calls.length, 5);
    expect(d.shares.noAnswer).toBeCloseTo(groups.no_answer / calls.length, 5);
    expect(d.shares.failed).toBeCloseTo(groups.failed / calls.length, 5);
  }
  expect(d.answeredBy).toEqual({
    human: calls.filter((c) => c.answered_by === "human").length,
    machine: calls.filter((c) => c.answered_by === "machine").length,
    unknown: calls.filter((c) => c.answered_by !== "human" && c.answered_by !== "machine").length,
  });
  const durations = calls.map((c) => c.duration).filter((x): x is number => typeof x === "number");
  expect(d.duration.totalSeconds).toBe(sum(durations));
  expect(d.duration.calls).toBe(durations.length);
  if (durations.length) expect(d.duration.averageSeconds).toBeCloseTo(mean(durations)!, 2);
  const costs = calls.map((c) => num(c.total_cost)).filter((x): x is number => x !== null);
  expect(d.cost!.calls).toBe(costs.length);
  expect(d.cost!.total).toBeCloseTo(sum(costs), 4);
  if (costs.length) expect(d.cost!.average).toBeCloseTo(mean(costs)!, 4);
  const scores = calls.map((c) => c.evaluation?.score).filter((x): x is number => typeof x === "number");
  expect(d.score.calls).toBe(scores.length);
  if (scores.length) expect(d.score.average).toBeCloseTo(mean(scores)!, 2);

  // Calls per day: every day of the range, by status group.
  expect(d.perDay.map((r) => r.date)).toEqual(days(from, to));
  for (const row of d.perDay) {
    const onDay = calls.filter((c) => c.created_at?.startsWith(row.date));
    expect(row.total, row.date).toBe(onDay.length);
    for (const g of Object.keys(groups)) expect(row[g], `${row.date} ${g}`).toBe(onDay.filter((c) => groupOf(c.status) === g).length);
  }

  const dist = (pick: (c: SimCall) => unknown) => {
    const m: Record<string, number> = {};
    for (const c of calls) {
      const v = pick(c);
      const k = typeof v === "string" && v.trim() ? v : "";
      m[k] = (m[k] ?? 0) + 1;
    }
    return m;
  };
  expect(Object.fromEntries(d.sentiment.map((s) => [s.key, s.count]))).toEqual(dist((c) => c.evaluation?.sentiment));
  expect(Object.fromEntries(d.outcome.map((s) => [s.key, s.count]))).toEqual(dist((c) => c.evaluation?.outcome));

  const breakdown = (rows: Row[], idOf: (c: SimCall) => number | null, none: string) => {
    const ids = [...new Set(calls.map(idOf))];
    expect(rows.length).toBe(ids.length);
    for (const id of ids) {
      const mine = calls.filter((c) => idOf(c) === id);
      const row = rows.find((r) => r.id === id)!;
      expect(row, `row for ${id}`).toBeDefined();
      if (id === null) expect(row.label).toBe(none);
      expect(row.calls).toBe(mine.length);
      expect(row.completed).toBe(mine.filter((c) => groupOf(c.status) === "completed").length);
      expect(row.completionRate).toBeCloseTo(row.completed / mine.length, 5);
      const dur = mine.map((c) => c.duration).filter((x): x is number => typeof x === "number");
      if (dur.length) expect(row.averageDurationSeconds).toBeCloseTo(mean(dur)!, 1);
      else expect(row.averageDurationSeconds).toBeNull();
      const sc = mine.map((c) => c.evaluation?.score).filter((x): x is number => typeof x === "number");
      if (sc.length) expect(row.averageScore).toBeCloseTo(mean(sc)!, 1);
      else expect(row.averageScore).toBeNull();
      expect(row.totalCost).toBeCloseTo(sum(mine.map((c) => num(c.total_cost)).filter((x): x is number => x !== null)), 4);
    }
  };
  breakdown(d.assistants, (c) => c.assistant_id, "Unknown assistant");
  breakdown(d.campaigns, (c) => c.campaign_id, "No campaign");
}

let t: Awaited<ReturnType<typeof teamWithRoles>>;

beforeEach(async () => {
  await simControl("/reset", { method: "POST" });
  t = await teamWithRoles();
  await connectTeam(t.team.id, "wt_demo_alpha");
});

describe("GET /api/teams/{teamId}/analytics", () => {
  it("defaults to the last 7 days in the team's time zone and equals a brute-force count", async () => {
    // The range includes today: a call may become visible between the two reads; retry then.
    for (let attempt = 0; ; attempt++) {
      const from = istanbulDate(-6);
      const to = istanbulDate();
      const before = (await simAllCalls("wt_demo_alpha", { date_from: from, date_to: to })) as unknown as SimCall[];
      const { result } = await analytics(t.clients.SUPERVISOR, t.team.id, { fresh: "1" });
      const after = (await simAllCalls("wt_demo_alpha", { date_from: from, date_to: to })) as unknown as SimCall[];
      if (before.length !== after.length && attempt < 3) continue;
      expect(result.meta).toMatchObject({ from, to });
      expect(result.data.totalCalls).toBeGreaterThan(100);
      expectBruteForce(result, after, from, to);
      break;
    }
  });

  it.each([
    ["the last 30 days (to yesterday)", () => ({ date_from: istanbulDate(-30), date_to: istanbulDate(-1) })],
    ["completed calls of 30 days", () => ({ status: "completed", date_from: istanbulDate(-30), date_to: istanbulDate(-1) })],
    ["outbound calls of assistant 101 over 90 days", () => ({ assistant_id: "101", type: "outbound", date_from: istanbulDate(-92), date_to: istanbulDate(-1) })],
    ["campaign 1001 over 60 days", () => ({ campaign_id: "1001", date_from: istanbulDate(-60), date_to: istanbulDate(-1) })],
    ["a range without calls", () => ({ date_from: "2020-01-01", date_to: "2020-01-07" })],
  ])("equals a brute-force count over the simulator's calls: %s", async (_name, makeQuery) => {
    const query = makeQuery() as Record<string, string>;
    const calls = (await simAllCalls("wt_demo_alpha", query)) as unknown as SimCall[];
    const { lines, result } = await analytics(t.clients.SUPERVISOR, t.team.id, query);
    expectBruteForce(result, calls, query.date_from, query.date_to);
    expect(result.meta.requests).toBe(Math.max(1, Math.ceil(calls.length / 100)));
    if (calls.length > 100) {
      const progress = lines.filter((l) => l.type === "progress") as Extract<Line, { type: "progress" }>[];
      expect(progress.length).toBeGreaterThan(0);
      expect(progress[progress.length - 1]).toMatchObject({ fetched: calls.length, total: calls.length });
      expect(progress.map((p) => p.fetched)).toEqual([...progress.map((p) => p.fetched)].sort((a, b) => a - b));
    }
  });

  it("caches results per selection (no WhatTalk requests the second time) and reads again with fresh=1", async () => {
    const query = { date_from: istanbulDate(-10), date_to: istanbulDate(-1) };
    const first = await analytics(t.clients.SUPERVISOR, t.team.id, query);
    expect(first.result.meta.cached).toBe(false);
    await simControl("/requests", { method: "DELETE" });
    const second = await analytics(t.clients.ADMIN, t.team.id, { date_to: query.date_to, date_from: query.date_from, status: "" });
    expect(second.lines).toHaveLength(1);
    expect(second.result.meta.cached).toBe(true);
    expect(second.result.data).toEqual(first.result.data);
    expect(await simRequests()).toEqual([]);
    const fresh = await analytics(t.clients.SUPERVISOR, t.team.id, { ...query, fresh: "1" });
    expect(fresh.result.meta.cached).toBe(false);
    expect((await simRequests()).length).toBe(first.result.meta.requests);
  });

  it("reports WhatTalk failing midway as an error line after the progress so far", async () => {
    await simControl("/faults", { method: "PATCH", json: { latencyMs: 40 } });
    const res = await t.clients.SUPERVISOR.get(`/api/teams/${t.team.id}/analytics?date_from=${istanbulDate(-60)}&date_to=${istanbulDate(-1)}`);
    expect(res.status).toBe(200);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    let faulted = false;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += value;
      if (!faulted && /"type":"progress","fetched":[1-9]/.test(text)) {
        faulted = true;
        await simControl("/faults", { method: "PATCH", json: { errorRate: 1, errorStatuses: [503] } });
      }
    }
    const lines = text.split("\n").filter(Boolean).map((l) => JSON.parse(l) as Line);
    const last = lines[lines.length - 1];
    expect(faulted).toBe(true);
    expect(last).toMatchObject({ type: "error", code: "UPSTREAM_ERROR" });
    expect((last as { message: string }).message).toMatch(/WhatTalk answered with an error \(HTTP 503\)/);
    const progress = lines.filter((l) => l.type === "progress") as Extract<Line, { type: "progress" }>[];
    expect(progress.some((p) => p.fetched > 0 && p.fetched < p.total)).toBe(true);
  });

  it("is 400 for invalid filters, 401 without a session, 403 for agents, 404 for another team, 409 without a key", async () => {
    const url = `/api/teams/${t.team.id}/analytics`;
    const bad = await t.clients.SUPERVISOR.get(`${url}?date_from=2026-02-31`);
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fieldErrors)).toEqual(["date_from"]);
    expect((await new Client().get(url)).status).toBe(401);
    expect((await t.clients.AGENT.get(url)).status).toBe(403);
    const stranger = await createUser();
    await createTeam({ members: [{ userId: stranger.id, role: "OWNER" }] });
    expect((await (await new Client().signIn(stranger.email)).get(url)).status).toBe(404);
    const unconnected = await teamWithRoles();
    const res = await unconnected.clients.SUPERVISOR.get(`/api/teams/${unconnected.team.id}/analytics`);
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe("NO_CREDENTIAL");
  });

  it("shows the analytics page to supervisors and refuses it to agents", async () => {
    const page = await t.clients.SUPERVISOR.get(`/teams/${t.team.slug}/analytics`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Analytics");
    expect(html).toContain("Last 7 days");
    expect((await t.clients.AGENT.get(`/teams/${t.team.slug}/analytics`)).status).toBe(403);
  });
});
