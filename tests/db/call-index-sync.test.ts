// The call index sync against the simulator over HTTP: the backfill fills exactly the window, the
// incremental pass and the refresh pick up new, changed and deleted calls, a stopped backfill resumes
// without fetching a page twice, and calls opened or deleted in the portal update their rows.
import { operatorActor } from "@/lib/auth/team-actor";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runTeamSync } from "@/lib/call-index/sync";
import { afterResponseTasksSettled } from "@/lib/after-response";
import { getTeamCall } from "@/lib/calls/get-call";
import { deleteTeamCall } from "@/lib/calls/delete-call";
import type { TeamAccess } from "@/lib/auth/team-access";
import { can, scopesOf } from "@/lib/rbac";
import { control, deleteUpstream, expectedIds, indexedIds, indexedTeam, listRequests, syncUntilIdle, TZ, withSyncSim } from "./call-index-helpers";

const simOf = withSyncSim();

const DAY = 86_400_000;

/** An instant as WhatTalk writes it for the alpha account: "YYYY-MM-DD HH:MM:SS" in Europe/Istanbul. */
function wallClock(ms: number): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: TZ.wt_demo_alpha, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false }).format(ms);
}

describe("backfill", () => {
  it("fills exactly the simulator's calls of the retention window, newest to oldest, 100 a page", async () => {
    const team = await indexedTeam("wt_demo_alpha", 2);
    const now = new Date();
    const results = await syncUntilIdle(team.id, { now: () => now });
    expect(results.at(-1)!.outcome).toBe("synced");
    const expected = expectedIds(simOf(), "wt_demo_alpha", new Date(now.getTime() - 2 * DAY));
    expect(expected.length).toBeGreaterThan(150);
    expect(await indexedIds(team.id)).toEqual(expected);
    // The rows are the upstream calls as they are.
    const sample = simOf().calls("wt_demo_alpha").find((c) => c.id === expected[0])!;
    const row = await db().indexedCall.findUniqueOrThrow({ where: { teamId_callId: { teamId: team.id, callId: sample.id } } });
    expect(row.status).toBe(sample.status);
    expect((row.call as { transcript: unknown }).transcript).toEqual(sample.transcript);
    const backfill = listRequests(simOf()).filter((r) => r.query.date_to);
    expect(backfill.every((r) => r.query.per_page === "100")).toBe(true);
    expect(backfill.map((r) => Number(r.query.page))).toEqual(backfill.map((_, i) => i + 1));
    const state = await db().callIndexState.findUniqueOrThrow({ where: { teamId: team.id } });
    expect(state.backfillDoneAt).not.toBeNull();
    expect(state.backfillTotal).toBeGreaterThanOrEqual(expected.length);
    expect(state.credentialId).toBe(team.credentialId);
    expect(state.requestsTotal).toBe(listRequests(simOf()).length);
    expect(state.failures).toBe(0);
  });

  it("resumes a stopped backfill at its stored page: no page fetched twice, nothing missing", async () => {
    const team = await indexedTeam("wt_demo_alpha", 4);
    const now = new Date();
    // Two runs of one page each (a slice of 0 ms), then one stopped while its page is in flight.
    expect((await runTeamSync(operatorActor(team.id), { now: () => now, sliceMs: 0 })).outcome).toBe("backfilling");
    expect((await runTeamSync(operatorActor(team.id), { now: () => now, sliceMs: 0 })).outcome).toBe("backfilling");
    // (No incremental pass is due, so the stopped run's first request is page 3.)
    await db().callIndexState.update({ where: { teamId: team.id }, data: { lastIncrementalAt: new Date() } });
    const stop = new AbortController();
    simOf().setFaults({ latencyMs: 1500 });
    setTimeout(() => stop.abort(new Error("stopping")), 800);
    expect((await runTeamSync(operatorActor(team.id), { now: () => now, signal: stop.signal })).outcome).toBe("yielded");
    simOf().setFaults({});
    const state = await db().callIndexState.findUniqueOrThrow({ where: { teamId: team.id } });
    expect(state.backfillPage).toBe(3);
    expect(state.failures).toBe(0);
    expect((await syncUntilIdle(team.id, { now: () => now })).at(-1)!.outcome).toBe("synced");
    // Every page once; page 3 at most twice (the stopped run's request, if it was sent, got no answer it used).
    const counts = new Map<number, number>();
    for (const r of listRequests(simOf()).filter((q) => q.query.date_to)) counts.set(Number(r.query.page), (counts.get(Number(r.query.page)) ?? 0) + 1);
    const pages = [...counts.keys()].sort((a, b) => a - b);
    expect(pages).toEqual(pages.map((_, i) => i + 1));
    expect(pages.length).toBeGreaterThan(3);
    expect([...counts].filter(([page, n]) => n !== 1 && !(page === 3 && n === 2))).toEqual([]);
    expect(await indexedIds(team.id)).toEqual(expectedIds(simOf(), "wt_demo_alpha", new Date(now.getTime() - 4 * DAY)));
  });
});

describe("keeping fresh", () => {
  it("the incremental pass picks up new calls; the refresh picks up changed ones and removes deleted ones", async () => {
    const team = await indexedTeam("wt_demo_alpha", 1);
    // Two completed calls moved to one and two hours ago (older than the incremental overlap, within the refresh).
    const [changed, gone] = simOf().calls("wt_demo_alpha").filter((c) => c.status === "completed").slice(0, 2);
    await control(simOf(), "PATCH", `/calls/${changed.id}`, { created_at: wallClock(Date.now() - 3_600_000) });
    await control(simOf(), "PATCH", `/calls/${gone.id}`, { created_at: wallClock(Date.now() - 7_200_000) });
    await syncUntilIdle(team.id);
    expect(await indexedIds(team.id)).toEqual(expect.arrayContaining([changed.id, gone.id]));
    // A new call, a call that changed (status, and its evaluation arriving later) and a deleted one.
    const added = (await control(simOf(), "POST", "/calls", { key: "wt_demo_alpha", status: "in-progress", transcript: "AI: Merhaba" })) as { id: number };
    await control(simOf(), "PATCH", `/calls/${changed.id}`, { status: "no-answer", evaluation: { sentiment: "Negative", outcome: "callback requested", score: 2 } });
    await deleteUpstream(simOf(), "wt_demo_alpha", gone.id);

    // The next run: incremental (the new call) — the refresh is not due yet.
    await db().callIndexState.update({ where: { teamId: team.id }, data: { lastRefreshAt: new Date() } });
    expect((await runTeamSync(operatorActor(team.id))).outcome).toBe("synced");
    expect(await indexedIds(team.id)).toContain(added.id);
    const addedRow = await db().indexedCall.findUniqueOrThrow({ where: { teamId_callId: { teamId: team.id, callId: added.id } } });
    expect(addedRow.status).toBe("in-progress");

    // The refresh is due: the changed call is updated, the deleted one leaves, the added one ends.
    await control(simOf(), "PATCH", `/calls/${added.id}`, { status: "completed", evaluation: { sentiment: "Positive", outcome: "appointment booked", score: 9 } });
    await db().callIndexState.update({ where: { teamId: team.id }, data: { lastRefreshAt: null } });
    expect((await runTeamSync(operatorActor(team.id))).outcome).toBe("synced");
    const row = await db().indexedCall.findUniqueOrThrow({ where: { teamId_callId: { teamId: team.id, callId: changed.id } } });
    expect({ status: row.status, sentiment: row.sentiment, outcome: row.outcome, score: row.score }).toEqual({ status: "no-answer", sentiment: "negative", outcome: "callback requested", score: 2 });
    const ended = await db().indexedCall.findUniqueOrThrow({ where: { teamId_callId: { teamId: team.id, callId: added.id } } });
    expect({ status: ended.status, outcome: ended.outcome }).toEqual({ status: "completed", outcome: "appointment booked" });
    expect(await indexedIds(team.id)).not.toContain(gone.id);
    // The deleted call was asked for by id (404), not guessed.
    expect(simOf().requests().some((r) => r.path === `/api/user/calls/${gone.id}` && r.status === 404)).toBe(true);
  });
});

describe("hooks from the calls service", () => {
  function access(team: Awaited<ReturnType<typeof indexedTeam>>): TeamAccess {
    const m = team.members.SUPERVISOR;
    return {
      user: { id: m.userId, email: m.email, name: "Supervisor", sessionVersion: 0 },
      team: { id: team.id, name: `Team ${team.slug}`, slug: team.slug, timeZone: TZ[team.key], country: "TR" },
      role: "SUPERVISOR",
      membershipId: m.membershipId,
      scopes: scopesOf("SUPERVISOR"),
      can: (s) => can("SUPERVISOR", s),
    };
  }

  it("a call opened in the portal refreshes its row; a call deleted through the portal, or gone when opened, leaves the index", async () => {
    const team = await indexedTeam("wt_demo_alpha", 1);
    await syncUntilIdle(team.id);
    const [id, other] = await indexedIds(team.id);
    await control(simOf(), "PATCH", `/calls/${id}`, { evaluation: { sentiment: "Neutral", outcome: "late evaluation", score: 5 } });
    await getTeamCall(access(team), id);
    await afterResponseTasksSettled();
    const row = await db().indexedCall.findUniqueOrThrow({ where: { teamId_callId: { teamId: team.id, callId: id } } });
    expect(row.outcome).toBe("late evaluation");

    await deleteTeamCall(access(team), other);
    expect(await indexedIds(team.id)).not.toContain(other);

    // Deleted at WhatTalk: opening it answers 404 and removes its row.
    const [third] = await indexedIds(team.id);
    await deleteUpstream(simOf(), "wt_demo_alpha", third);
    await expect(getTeamCall(access(team), third)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await afterResponseTasksSettled();
    expect(await indexedIds(team.id)).not.toContain(third);
  });
});
