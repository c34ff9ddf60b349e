// Analytics and the CSV export with WhatTalk's own filters: from the call index when it is complete,
// fresh and covers the range (exact, no ANALYTICS_MAX_CALLS cap, 0 WhatTalk requests, source "index");
// otherwise from WhatTalk as before (source "live"). The export's rows are the live export's.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { clearAnalyticsCache, runAnalytics } from "@/lib/analytics/run-analytics";
import type { TeamAccess } from "@/lib/auth/team-access";
import { INDEX_FRESH_SECONDS } from "@/lib/bulk/index-pages";
import { encryptSecret, getKeyRing } from "@/lib/crypto/keyring";
import { db } from "@/lib/db";
import { DEFAULT_EXPORT_COLUMNS } from "@/lib/export/columns";
import { startCallsExport } from "@/lib/export/export-calls";
import type { UpstreamCall } from "@/lib/whattalk";
import { startSimulator, type Simulator } from "@/tools/whattalk-sim/server";
import { parseCsv } from "../support/parse-csv";
import { insertCalls, makeTeam, markSynced, TZ } from "./call-index-fixtures";
import { ALPHA, freshClientState, setEnv } from "./credentials-helpers";

let sim: Simulator;
let calls: UpstreamCall[];
const RANGE = { date_from: "2026-11-01", date_to: "2026-11-20" };
const inRange = (c: UpstreamCall) => c.created_at!.slice(0, 10) >= RANGE.date_from && c.created_at!.slice(0, 10) <= RANGE.date_to;
const apiRequests = () => sim.requests().filter((r) => r.path.startsWith("/api/"));

async function connected(opts: { retentionDays?: number | null } = {}): Promise<TeamAccess> {
  const t = await makeTeam({ retentionDays: opts.retentionDays === undefined ? 3650 : opts.retentionDays });
  const credentialId = `cred${t.team.id.slice(-8)}${Date.now()}`;
  await db().apiCredential.create({
    data: { id: credentialId, teamId: t.team.id, label: "Test key", last4: "lpha", keyId: getKeyRing().primaryId, ciphertext: encryptSecret(getKeyRing(), ALPHA, { teamId: t.team.id, credentialId }), status: "OK" },
  });
  return t.members.SUPERVISOR;
}

/** The export's audit event, written once its stream has ended, says where the rows came from. */
const audited = (team: TeamAccess, source: string) =>
  vi.waitFor(async () => expect((await db().auditEvent.findFirst({ where: { teamId: team.team.id, action: "calls.exported" } }))?.data).toMatchObject({ source, complete: true }));

async function analytics(access: TeamAccess, selection: { date_from: string; date_to: string }) {
  const run = await runAnalytics(access, selection);
  return run.kind === "ready" ? run.result : await run.result;
}

let access: TeamAccess;
let expected: number;
beforeAll(async () => {
  // The simulator's data reaches into RANGE; the index holds exactly the calls it serves.
  sim = await startSimulator({ port: 0, anchor: "2026-11-24T21:00:00Z", quiet: true });
  setEnv({ WHATTALK_API_URL: sim.apiUrl, WHATTALK_TIMEOUT_MS: "5000", WHATTALK_MAX_RETRIES: "1", WHATTALK_TEAM_BUDGET_PER_MINUTE: "10000", REDIS_URL: undefined });
  expect(sim.dataset.accounts.find((a) => a.key === ALPHA)?.timeZone).toBe(TZ);
  calls = (sim.calls(ALPHA) as unknown as UpstreamCall[]).filter((c) => c.created_at);
  expected = calls.filter(inRange).length;
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

describe("analytics over a fully indexed range", () => {
  it("are exact above ANALYTICS_MAX_CALLS, from the index, without one WhatTalk request", async () => {
    setEnv({ ANALYTICS_MAX_CALLS: "100" });
    expect(expected).toBeGreaterThan(100);
    const state = await db().callIndexState.findUniqueOrThrow({ where: { teamId: access.team.id } });
    const result = await analytics(access, RANGE);
    expect(result.data.totalCalls).toBe(expected);
    expect(result.data.answeredBy.human).toBe(calls.filter((c) => inRange(c) && c.answered_by === "human").length);
    expect(result.meta).toMatchObject({ source: "index", asOf: state.lastSuccessAt!.toISOString(), requests: 0 });
    expect(apiRequests()).toEqual([]);
  });

  it("match the live numbers WhatTalk gives for the same range", async () => {
    const fromIndex = await analytics(access, RANGE);
    const stale = await connected();
    await markSynced(stale.team.id, { complete: true, at: new Date(Date.now() - (INDEX_FRESH_SECONDS + 60) * 1000) });
    const live = await analytics(stale, RANGE);
    expect(live.meta.source).toBe("live");
    expect(apiRequests().length).toBeGreaterThan(0);
    expect(fromIndex.data).toEqual(live.data);
  });
});

describe("analytics go to WhatTalk as before", () => {
  const cases: [string, () => Promise<TeamAccess>][] = [
    ["the backfill is not done", async () => {
      const a = await connected();
      await markSynced(a.team.id, { complete: false, reachesBackTo: new Date("2026-10-01T00:00:00Z") });
      return a;
    }],
    ["the last sync is older than the bound", async () => {
      const a = await connected();
      await markSynced(a.team.id, { complete: true, at: new Date(Date.now() - (INDEX_FRESH_SECONDS + 5) * 1000) });
      return a;
    }],
    ["the range starts before the index's coverage", async () => {
      const a = await connected({ retentionDays: 20 });
      await markSynced(a.team.id, { complete: true });
      return a;
    }],
    ["the index is off", async () => connected({ retentionDays: null })],
    ["the rows were synced with another key", async () => {
      const a = await connected();
      await markSynced(a.team.id, { complete: true });
      await db().callIndexState.update({ where: { teamId: a.team.id }, data: { credentialId: "another-key" } });
      return a;
    }],
  ];
  it.each(cases)("when %s", async (_, make) => {
    const team = await make();
    // A few rows only: a number from this index would be wrong.
    await insertCalls(team.team.id, calls.filter(inRange).slice(0, 5));
    const result = await analytics(team, RANGE);
    expect(result.meta.source).toBe("live");
    expect(result.meta.requests).toBeGreaterThan(0);
    expect(apiRequests().length).toBe(result.meta.requests);
    expect(result.data.totalCalls).toBe(expected);
  });

  it("and keep their cap there", async () => {
    setEnv({ ANALYTICS_MAX_CALLS: "100" });
    const stale = await connected();
    await markSynced(stale.team.id, { complete: false });
    await expect(analytics(stale, RANGE)).rejects.toMatchObject({ details: { reason: "too_many_calls" } });
  });
});

describe("the CSV export over a fully indexed range", () => {
  it("has the live export's rows, read from the index without a WhatTalk request", async () => {
    const exp = await startCallsExport(access, RANGE, DEFAULT_EXPORT_COLUMNS);
    const fromIndex = await new Response(exp.stream).text();
    expect(exp.source.source).toBe("index");
    expect(exp.total).toBe(expected);
    expect(apiRequests()).toEqual([]);
    await audited(access, "index");

    const stale = await connected();
    await markSynced(stale.team.id, { complete: true, at: new Date(Date.now() - (INDEX_FRESH_SECONDS + 60) * 1000) });
    const liveExp = await startCallsExport(stale, RANGE, DEFAULT_EXPORT_COLUMNS);
    const live = await new Response(liveExp.stream).text();
    expect(liveExp.source.source).toBe("live");
    await audited(stale, "live");
    expect(apiRequests().length).toBeGreaterThan(0);
    expect(parseCsv(fromIndex.replace(/^\uFEFF/, "")).length).toBe(expected + 1); // header and rows
    expect(fromIndex).toBe(live);
  });

  it("goes to WhatTalk when the range starts before the index's coverage", async () => {
    const exp = await startCallsExport(access, { date_from: "2015-01-01", date_to: "2015-01-31" }, ["duration"]);
    await new Response(exp.stream).text();
    expect(exp.source.source).toBe("live");
    await vi.waitFor(async () => expect(await db().auditEvent.count({ where: { teamId: access.team.id, data: { path: ["source"], equals: "live" } } })).toBe(1));
    expect(apiRequests().length).toBeGreaterThan(0);
  });
});
