// The call index sync's guards against the simulator: teams never write each other's rows, another
// WhatTalk account's key purges the index (the same account's new key keeps it), upstream failures
// back off and are recorded without the key, and the sync's budget share yields to people.
import { operatorActor } from "@/lib/auth/team-actor";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runTeamSync, backoffSeconds, purgeExpiredCalls } from "@/lib/call-index/sync";
import { afterResponseTasksSettled } from "@/lib/after-response";
import { whatTalkContextForTeam } from "@/lib/credentials/context";
import { consumeSyncBudget, consumeTeamBudget } from "@/lib/whattalk/budget";
import { listCalls } from "@/lib/whattalk";
import { freshClientState, setEnv } from "./credentials-helpers";
import { expectedIds, indexedIds, indexedTeam, listRequests, setTeamKey, syncUntilIdle, withSyncSim } from "./call-index-helpers";

const simOf = withSyncSim();
beforeEach(() => {
  setEnv({ WHATTALK_TEAM_BUDGET_PER_MINUTE: "60000", INDEX_BUDGET_SHARE: "0.5", WHATTALK_TIMEOUT_MS: "2000" });
});

const DAY = 86_400_000;
const state = (teamId: string) => db().callIndexState.findUniqueOrThrow({ where: { teamId } });

describe("isolation between teams and accounts", () => {
  it("team A's sync writes only team A's rows, from its own account", async () => {
    const a = await indexedTeam("wt_demo_alpha", 1);
    const b = await indexedTeam("wt_demo_beta", 7);
    const now = new Date();
    await syncUntilIdle(b.id, { now: () => now });
    const bRows = await db().indexedCall.findMany({ where: { teamId: b.id }, orderBy: { callId: "asc" } });
    await syncUntilIdle(a.id, { now: () => now });
    expect(await indexedIds(a.id)).toEqual(expectedIds(simOf(), "wt_demo_alpha", new Date(now.getTime() - DAY)));
    expect(await indexedIds(b.id)).toEqual(expectedIds(simOf(), "wt_demo_beta", new Date(now.getTime() - 7 * DAY)));
    // B's rows are untouched by A's run (same sync time), and no id is in both.
    expect(await db().indexedCall.findMany({ where: { teamId: b.id }, orderBy: { callId: "asc" } })).toEqual(bRows);
    const overlap = (await indexedIds(a.id)).filter((id) => bRows.some((r) => r.callId === id));
    expect(overlap).toEqual([]);
  });

  it("a new key of another WhatTalk account purges the index and backfills that account; the same account's new key keeps it", async () => {
    const team = await indexedTeam("wt_demo_alpha", 1);
    const now = new Date();
    await syncUntilIdle(team.id, { now: () => now });
    const alphaIds = await indexedIds(team.id);
    const firstIndexed = await db().indexedCall.findFirstOrThrow({ where: { teamId: team.id }, orderBy: { indexedAt: "asc" } });

    // Same account, new credential: the newest calls are found with it, nothing is purged.
    const sameAccount = await setTeamKey(team.id, "wt_demo_alpha");
    await syncUntilIdle(team.id, { now: () => now });
    expect(await indexedIds(team.id)).toEqual(alphaIds);
    expect((await db().indexedCall.findUniqueOrThrow({ where: { teamId_callId: { teamId: team.id, callId: firstIndexed.callId } } })).indexedAt).toEqual(firstIndexed.indexedAt);
    expect((await state(team.id)).credentialId).toBe(sameAccount);

    // Another account: its key gets 404 for the newest indexed calls, the rows go, its calls come.
    const otherAccount = await setTeamKey(team.id, "wt_demo_beta");
    simOf().clearRequests();
    await syncUntilIdle(team.id, { now: () => now });
    expect(simOf().requests().filter((r) => r.path.startsWith("/api/user/calls/") && r.status === 404).length).toBe(3);
    expect(await indexedIds(team.id)).toEqual(expectedIds(simOf(), "wt_demo_beta", new Date(now.getTime() - DAY)));
    expect((await state(team.id)).credentialId).toBe(otherAccount);
  });

  it("a rebuild request purges the rows and backfills again", async () => {
    const team = await indexedTeam("wt_demo_gamma", 30);
    await syncUntilIdle(team.id);
    const ids = await indexedIds(team.id);
    expect(ids.length).toBeGreaterThan(0);
    await db().callIndexState.update({ where: { teamId: team.id }, data: { rebuildRequestedAt: new Date() } });
    simOf().clearRequests();
    await syncUntilIdle(team.id);
    expect(listRequests(simOf()).filter((r) => r.query.date_to && r.query.page === "1")).toHaveLength(1);
    expect(await indexedIds(team.id)).toEqual(ids);
    expect((await state(team.id)).rebuildRequestedAt).toBeNull();
  });
});

describe("upstream failures", () => {
  it("a 5xx fails the run, is recorded as a sentence, and backs off growing with the failures", async () => {
    const team = await indexedTeam("wt_demo_gamma", 30);
    simOf().setFaults({ failNext: { count: 5, status: 503 } });
    const first = await runTeamSync(operatorActor(team.id));
    expect(first).toEqual({ outcome: "failed", nextRunInSeconds: backoffSeconds(1) });
    let st = await state(team.id);
    expect(st.failures).toBe(1);
    expect(st.lastError).toMatch(/^WhatTalk .*\. The index sync retries in 15 s\.$/);
    expect(st.lastErrorAt).not.toBeNull();
    // Within the backoff a run does nothing upstream.
    simOf().clearRequests();
    expect((await runTeamSync(operatorActor(team.id))).outcome).toBe("skipped");
    expect(simOf().requests()).toHaveLength(0);
    // Later, still failing: the wait doubles.
    await db().callIndexState.update({ where: { teamId: team.id }, data: { lastErrorAt: new Date(Date.now() - 60_000) } });
    expect(await runTeamSync(operatorActor(team.id))).toEqual({ outcome: "failed", nextRunInSeconds: 30 });
    st = await state(team.id);
    expect(st.failures).toBe(2);
    // Then WhatTalk answers again: the error is cleared and the count reset.
    simOf().setFaults({});
    await db().callIndexState.update({ where: { teamId: team.id }, data: { lastErrorAt: new Date(Date.now() - 600_000) } });
    await syncUntilIdle(team.id);
    st = await state(team.id);
    expect({ failures: st.failures, lastError: st.lastError }).toEqual({ failures: 0, lastError: null });
    expect(st.lastSuccessAt).not.toBeNull();
  });

  it("a 429 keeps the cursor, is recorded, and waits at least WhatTalk's Retry-After", async () => {
    const team = await indexedTeam("wt_demo_alpha", 4);
    simOf().setFaults({ rateLimitPerMinute: 1 });
    const r = await runTeamSync(operatorActor(team.id));
    expect(r.outcome).toBe("failed");
    const st = await state(team.id);
    expect(st.backfillPage).toBe(2);
    expect(st.lastError).toMatch(/The index sync retries in \d+ s\.$/);
    const limited = simOf().requests().find((q) => q.status === 429);
    expect(limited).toBeDefined();
    // The simulator's window is 60 s: Retry-After is what is left of it, at least the first backoff step.
    expect(r.nextRunInSeconds).toBeGreaterThanOrEqual(Math.max(backoffSeconds(1), 60 - Math.ceil((Date.now() - Date.parse(simOf().requests()[0].at)) / 1000) - 1));
    expect(r.nextRunInSeconds).toBeLessThanOrEqual(61);
  });

  it("a hung WhatTalk times out and backs off; the record names no key", async () => {
    setEnv({ WHATTALK_TIMEOUT_MS: "500" });
    const team = await indexedTeam("wt_demo_gamma", 30);
    simOf().setFaults({ failNext: { count: 3, status: "hang" } });
    expect((await runTeamSync(operatorActor(team.id))).outcome).toBe("failed");
    const st = await state(team.id);
    expect(st.lastError).toMatch(/did not answer|timed out/i);
    expect(JSON.stringify(st)).not.toContain("wt_demo");
  });

  it("a refused key (401) stops the sync until the key changes", async () => {
    const team = await indexedTeam("wt_demo_gamma", 30);
    await setTeamKey(team.id, "wt_not_a_key");
    expect(await runTeamSync(operatorActor(team.id))).toEqual({ outcome: "failed", nextRunInSeconds: null });
    await afterResponseTasksSettled();
    const st = await state(team.id);
    expect(st.lastError).toBe("WhatTalk refused the team's API key; the index sync stops until the key is replaced.");
    expect(JSON.stringify(st)).not.toContain("wt_not_a_key");
    // The key is marked invalid: later runs do nothing until it is replaced.
    simOf().clearRequests();
    expect((await runTeamSync(operatorActor(team.id))).outcome).toBe("skipped");
    expect(simOf().requests()).toHaveLength(0);
    // A replaced key is tried at once (no waiting out the backoff).
    await setTeamKey(team.id, "wt_demo_gamma");
    expect((await syncUntilIdle(team.id)).at(-1)!.outcome).toBe("synced");
  });
});

describe("budget share", () => {
  it("sync takes only what people leave, up to its share, and people are never refused because of it", async () => {
    setEnv({ WHATTALK_TEAM_BUDGET_PER_MINUTE: "20", INDEX_BUDGET_SHARE: "0.5" });
    const teamId = "budget-team";
    const sync = [];
    for (let i = 0; i < 11; i++) sync.push((await consumeSyncBudget(teamId)).ok);
    expect(sync).toEqual([...Array(10).fill(true), false]);
    const people = [];
    for (let i = 0; i < 21; i++) people.push((await consumeTeamBudget(teamId)).ok);
    expect(people).toEqual([...Array(20).fill(true), false]);
    // And when people have used most of the window, sync gets only the rest.
    freshClientState();
    for (let i = 0; i < 17; i++) await consumeTeamBudget(teamId);
    const rest = [];
    for (let i = 0; i < 5; i++) rest.push((await consumeSyncBudget(teamId)).ok);
    expect(rest).toEqual([true, true, true, false, false]);
  });

  it("sync requests are paced 60 s ÷ (share × budget) apart, and a person's requests during the backfill all succeed", async () => {
    // 1,200 a minute × 0.5 = 600 for sync: one every 100 ms.
    setEnv({ WHATTALK_TEAM_BUDGET_PER_MINUTE: "1200", INDEX_BUDGET_SHARE: "0.5" });
    const team = await indexedTeam("wt_demo_alpha", 5);
    const person = await whatTalkContextForTeam(team.actor("SUPERVISOR"));
    const backfill = syncUntilIdle(team.id);
    const answers: string[] = [];
    for (let i = 0; i < 10; i++) {
      answers.push(await listCalls(person, { per_page: 5, page: i + 1 }, { cache: false }).then(() => "ok", (e: Error) => e.message));
    }
    await backfill;
    expect(answers).toEqual(Array(10).fill("ok"));
    const syncTimes = listRequests(simOf())
      .filter((r) => r.query.per_page === "100")
      .map((r) => Date.parse(r.at));
    expect(syncTimes.length).toBeGreaterThan(4);
    const gaps = syncTimes.slice(1).map((t, i) => t - syncTimes[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(90);
  });

  it("a spent share ends the run without a failure and says when to resume", async () => {
    setEnv({ WHATTALK_TEAM_BUDGET_PER_MINUTE: "4", INDEX_BUDGET_SHARE: "0.5" });
    const team = await indexedTeam("wt_demo_alpha", 7);
    for (let i = 0; i < 4; i++) await consumeTeamBudget(team.id);
    const r = await runTeamSync(operatorActor(team.id), { sliceMs: 0 });
    expect(r.outcome).toBe("yielded");
    expect(r.nextRunInSeconds).toBeGreaterThan(0);
    expect((await state(team.id)).failures).toBe(0);
  });
});

describe("retention", () => {
  it("the daily purge deletes each team's calls older than its window, and every call of a team whose index is off", async () => {
    const kept = await indexedTeam("wt_demo_alpha", 7);
    const off = await indexedTeam("wt_demo_beta", 7);
    await syncUntilIdle(kept.id);
    await syncUntilIdle(off.id);
    const ids = await indexedIds(kept.id);
    expect((await indexedIds(off.id)).length).toBeGreaterThan(0);
    // Shorter retention for one team, index off for the other.
    await db().team.update({ where: { id: kept.id }, data: { indexRetentionDays: 1 } });
    await db().team.update({ where: { id: off.id }, data: { indexRetentionDays: null } });
    const now = new Date();
    const deleted = await purgeExpiredCalls(now);
    const left = await indexedIds(kept.id);
    expect(left).toEqual(expectedIds(simOf(), "wt_demo_alpha", new Date(now.getTime() - DAY)).filter((id) => ids.includes(id)));
    expect(left.length).toBeLessThan(ids.length);
    expect(await indexedIds(off.id)).toEqual([]);
    expect(deleted).toBeGreaterThan(ids.length - left.length);
  });
});
