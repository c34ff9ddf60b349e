// Analytics and the CSV export with search or index-only filters: every matching call read from the
// call index (exact, no ANALYTICS_MAX_CALLS cap, no WhatTalk request) when the index covers the
// range; a clear 409 when it does not, is off, or is still being built. Never the filter ignored.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clearAnalyticsCache, runAnalytics } from "@/lib/analytics/run-analytics";
import type { TeamAccess } from "@/lib/auth/team-access";
import { encryptSecret, getKeyRing } from "@/lib/crypto/keyring";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { startCallsExport } from "@/lib/export/export-calls";
import { wallClockToInstant } from "@/lib/validation/dates";
import type { UpstreamCall } from "@/lib/whattalk";
import type { Simulator } from "@/tools/whattalk-sim/server";
import { parseCsv } from "../support/parse-csv";
import { insertCalls, makeTeam, markSynced, simulatorCalls } from "./call-index-fixtures";
import { ALPHA, freshClientState, setEnv, startSim } from "./credentials-helpers";

let sim: Simulator;
let calls: UpstreamCall[];
const RANGE = { date_from: "2026-11-01", date_to: "2026-11-20" };
const inRange = (c: UpstreamCall) => c.created_at!.slice(0, 10) >= RANGE.date_from && c.created_at!.slice(0, 10) <= RANGE.date_to;
const negative = (c: UpstreamCall) => (c.evaluation as { sentiment?: string } | null)?.sentiment === "negative";
const apiRequests = () => sim.requests().filter((r) => r.path.startsWith("/api/"));

async function connected(opts: { retentionDays?: number | null } = {}): Promise<TeamAccess> {
  const t = await makeTeam({ retentionDays: opts.retentionDays === undefined ? 3650 : opts.retentionDays });
  const credentialId = `cred${t.team.id.slice(-8)}${Date.now()}`;
  await db().apiCredential.create({
    data: { id: credentialId, teamId: t.team.id, label: "Test key", last4: "lpha", keyId: getKeyRing().primaryId, ciphertext: encryptSecret(getKeyRing(), ALPHA, { teamId: t.team.id, credentialId }), status: "OK" },
  });
  return t.members.SUPERVISOR;
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

let access: TeamAccess;
beforeAll(async () => {
  sim = await startSim();
  calls = simulatorCalls().filter((c) => c.created_at);
  access = await connected();
  await insertCalls(access.team.id, calls);
  await markSynced(access.team.id, { complete: true });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  freshClientState();
  clearAnalyticsCache();
  sim.clearRequests();
  setEnv({ ANALYTICS_MAX_CALLS: undefined, EXPORT_MAX_MINUTES: undefined });
});

describe("analytics from the index", () => {
  it("aggregates exactly the matching calls, above ANALYTICS_MAX_CALLS, without asking WhatTalk", async () => {
    setEnv({ ANALYTICS_MAX_CALLS: "100" });
    const expected = calls.filter((c) => inRange(c) && negative(c));
    expect(expected.length).toBeGreaterThan(100);
    const run = await runAnalytics(access, { ...RANGE, sentiment: "negative" });
    const result = run.kind === "ready" ? run.result : await run.result;
    expect(result.data.totalCalls).toBe(expected.length);
    expect(result.data.answeredBy.human).toBe(expected.filter((c) => c.answered_by === "human").length);
    expect(result.meta.requests).toBe(0);
    expect(apiRequests()).toEqual([]);
  });

  it("a search narrows them too", async () => {
    const run = await runAnalytics(access, { ...RANGE, q: "iptal" });
    const result = run.kind === "ready" ? run.result : await run.result;
    const rows = await db().indexedCall.findMany({ where: { teamId: access.team.id }, select: { searchText: true, call: true } });
    const expected = rows.filter((r) => /(^| )iptal/.test(r.searchText) && inRange(r.call as UpstreamCall)).length;
    expect(expected).toBeGreaterThan(0);
    expect(result.data.totalCalls).toBe(expected);
    expect(apiRequests()).toEqual([]);
  });

  it("refuses (409) a range the index does not reach yet, and an index that is off", async () => {
    const partial = await connected();
    await insertCalls(partial.team.id, calls.slice(0, 50));
    await markSynced(partial.team.id, { complete: false, reachesBackTo: new Date("2026-11-10T00:00:00Z") });
    const e = await refusal(runAnalytics(partial, { ...RANGE, sentiment: "negative" }));
    expect(e.status).toBe(409);
    expect(e.message).toMatch(/so far reaches back to calls from 2026-11-10: choose a start date on or after it/);
    expect(e.fieldErrors?.date_from).toEqual(["On or after 2026-11-10."]);
    const off = await connected({ retentionDays: null });
    expect((await refusal(runAnalytics(off, { ...RANGE, outcome: ["resolved"] }))).status).toBe(409);
    expect(apiRequests()).toEqual([]);
  });
});

describe("the CSV export from the index", () => {
  it("exports every matching call, in the selection's order, without asking WhatTalk", async () => {
    const at = (c: UpstreamCall) => wallClockToInstant(c.created_at!, access.team.timeZone)!.getTime();
    const expected = calls.filter((c) => inRange(c) && negative(c)).sort((a, b) => (b.duration ?? -1) - (a.duration ?? -1) || at(b) - at(a) || b.id - a.id);
    const exp = await startCallsExport(access, { ...RANGE, sentiment: "negative", sort: "longest" }, ["duration"]);
    expect(exp.total).toBe(expected.length);
    const rows = parseCsv((await new Response(exp.stream).text()).replace(/^\uFEFF/, ""));
    const ids = rows.slice(1).map((r) => Number(r[0]));
    expect(ids.length).toBe(expected.length);
    expect(ids).toEqual(expected.map((c) => c.id));
    expect(apiRequests()).toEqual([]);
  });

  it("refuses an export with an index-only filter and no start date inside the index", async () => {
    const e = await refusal(startCallsExport(access, { q: "iptal" }, ["duration"]));
    expect([e.status, Object.keys(e.fieldErrors ?? {})]).toEqual([409, ["date_from"]]);
  });
});
