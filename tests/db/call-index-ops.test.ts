// Operating the call index: the state Settings → Search index shows (each state, derived from
// CallIndexState, the retention and the rows) and the audited settings mutations (pause, rebuild,
// retention; off deletes this team's index only), who may read and change them.
import { describe, expect, it } from "vitest";
import { operatorActor } from "@/lib/auth/team-actor";
import type { TeamAccess } from "@/lib/auth/team-access";
import { purgeIndex } from "@/lib/call-index/purge-index";
import { requestIndexRebuild } from "@/lib/call-index/request-index-rebuild";
import { setIndexPaused } from "@/lib/call-index/set-index-paused";
import { setIndexRetention } from "@/lib/call-index/set-index-retention";
import { getIndexStatus } from "@/lib/call-index/status";
import { deleteTeam } from "@/lib/teams/delete-team";
import { db } from "@/lib/db";
import { can, scopesOf, type Role } from "@/lib/rbac";
import { seedIndexedCalls, seedIndexState } from "../support/indexed-calls";
import { rejects, team, type Member } from "./accounts-fixtures";

const NOW = new Date("2026-12-07T12:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);

function accessOf(t: Awaited<ReturnType<typeof team>>["team"], m: Member): TeamAccess {
  return {
    user: { id: m.userId, email: m.email, name: "M", sessionVersion: 1 },
    team: { id: t.id, name: t.name, slug: t.slug, timeZone: t.timeZone, country: t.country },
    role: m.role,
    membershipId: m.membershipId,
    scopes: scopesOf(m.role),
    can: (s) => can(m.role, s),
  };
}

async function setup() {
  const t = await team();
  const as = (role: Role) => accessOf(t.team, t.by(role));
  const status = () => getIndexStatus(operatorActor(t.team.id), { now: NOW });
  return { ...t, as, status };
}

const audits = (teamId: string) => db().auditEvent.findMany({ where: { teamId, action: { startsWith: "index." } }, orderBy: { createdAt: "asc" }, select: { action: true, actorLabel: true, data: true } });

describe("index status", () => {
  it("is 'not started' with an explanation before any sync, and 'off' without retention", async () => {
    const { team: t, status } = await setup();
    const s = await status();
    expect(s).toMatchObject({ state: "not_started", label: "Not started", retentionDays: 90, callsIndexed: 0, oldestCallAt: null, lastSyncAt: null, error: null });
    expect(s.explanation).toMatch(/has not synced yet.*last 90 days/);
    await db().team.update({ where: { id: t.id }, data: { indexRetentionDays: null } });
    expect(await status()).toMatchObject({ state: "off", label: "Off", retentionDays: null });
  });

  it("counts the rows, the oldest and newest call, and backfills in % of WhatTalk's total, capped at 99 until done", async () => {
    const { team: t, status } = await setup();
    await seedIndexedCalls(t.id, [1, 2, 30, 200], { now: NOW }); // 200 days: outside the 90-day window
    await seedIndexState(t.id, { backfillDateTo: "2026-12-07", backfillPage: 1, backfillTotal: 6, reachesBackTo: ago(30 * 86_400_000), lastSuccessAt: ago(5_000) });
    const s = await status();
    expect(s).toMatchObject({ state: "backfilling", progressPercent: 50, label: "Backfilling 50 %", callsIndexed: 4 });
    expect(s.oldestCallAt).toBe(ago(200 * 86_400_000).toISOString().replace(/\.\d+Z$/, ".000Z"));
    expect(s.newestCallAt).toBe(ago(86_400_000).toISOString().replace(/\.\d+Z$/, ".000Z"));
    expect(s.reachesBackTo).toBe(ago(30 * 86_400_000).toISOString());
    // Pages done ÷ pages when ahead of the rows; never 100 before the backfill says it is done.
    await seedIndexState(t.id, { backfillDateTo: "2026-12-07", backfillPage: 3, backfillTotal: 300 });
    expect((await status()).progressPercent).toBe(66);
    await seedIndexState(t.id, { backfillDateTo: "2026-12-07", backfillPage: 9, backfillTotal: 3 });
    expect((await status()).progressPercent).toBe(99);
    await seedIndexState(t.id, { backfillDateTo: "2026-12-07", backfillTotal: null });
    expect(await status()).toMatchObject({ state: "backfilling", progressPercent: null, label: "Backfilling" });
  });

  it("is up to date once the backfill is done; failing (with the reason) when the last error is newer than the last success", async () => {
    const { team: t, status } = await setup();
    await seedIndexState(t.id, { backfillDoneAt: ago(3_600_000), lastSuccessAt: ago(60_000), lastIncrementalAt: ago(30_000), lastError: "WhatTalk timed out", lastErrorAt: ago(120_000) });
    let s = await status();
    expect(s).toMatchObject({ state: "up_to_date", label: "Up to date", error: null, progressPercent: null, reachesBackTo: null });
    expect(s.lastSyncAt).toBe(ago(30_000).toISOString()); // the latest run of any kind
    await seedIndexState(t.id, { backfillDoneAt: ago(3_600_000), lastSuccessAt: ago(600_000), lastError: "WhatTalk refused the API key (401).", lastErrorAt: ago(60_000), failures: 3 });
    s = await status();
    expect(s).toMatchObject({ state: "failing", label: "Failing", error: { message: "WhatTalk refused the API key (401).", at: ago(60_000).toISOString(), failuresInARow: 3 } });
    // Never succeeded and failed: failing too.
    await seedIndexState(t.id, { lastError: "WhatTalk is unreachable.", lastErrorAt: ago(60_000), failures: 1 });
    expect((await status()).state).toBe("failing");
  });

  it("paused wins over failing and backfilling; off wins over everything", async () => {
    const { team: t, status } = await setup();
    await seedIndexState(t.id, { paused: true, backfillDateTo: "2026-12-07", lastError: "x", lastErrorAt: ago(1_000) });
    expect(await status()).toMatchObject({ state: "paused", paused: true, label: "Paused" });
    await db().team.update({ where: { id: t.id }, data: { indexRetentionDays: null } });
    expect((await status()).state).toBe("off");
  });

  it("reports the sync's requests this minute against its share of the team budget (INDEX_BUDGET_SHARE of WHATTALK_TEAM_BUDGET_PER_MINUTE)", async () => {
    const { team: t, status } = await setup();
    await seedIndexState(t.id, { requestsWindowStart: ago(20_000), requestsInWindow: 17, requestsTotal: 4242 });
    expect((await status()).budget).toEqual({ usedThisMinute: 17, usedTotal: 4242, allowedPerMinute: 50, teamPerMinute: 100, share: 0.5 });
    await seedIndexState(t.id, { requestsWindowStart: ago(61_000), requestsInWindow: 17, requestsTotal: 4242 }); // last minute's window is over
    expect((await status()).budget.usedThisMinute).toBe(0);
  });

  it("is read by owners, admins and supervisors; an agent is refused", async () => {
    const { as } = await setup();
    for (const role of ["OWNER", "ADMIN", "SUPERVISOR"] as const) expect((await getIndexStatus(as(role))).state).toBe("not_started");
    await expect(getIndexStatus(as("AGENT"))).rejects.toMatchObject({ status: 403 });
  });
});

describe("index settings", () => {
  it("pause and resume upsert the state row and are audited once per change", async () => {
    const { team: t, by, status } = await setup();
    expect(await setIndexPaused(by("ADMIN").actor, true)).toEqual({ changed: true });
    expect(await status()).toMatchObject({ state: "paused", paused: true });
    expect(await setIndexPaused(by("ADMIN").actor, true)).toEqual({ changed: false });
    await seedIndexedCalls(t.id, [1], { now: NOW });
    expect(await setIndexPaused(by("OWNER").actor, false)).toEqual({ changed: true });
    expect(await db().callIndexState.findUniqueOrThrow({ where: { teamId: t.id } })).toMatchObject({ paused: false });
    expect(await db().indexedCall.count({ where: { teamId: t.id } })).toBe(1); // the rows stay
    expect((await audits(t.id)).map((a) => [a.action, a.actorLabel])).toEqual([
      ["index.paused", by("ADMIN").email],
      ["index.resumed", by("OWNER").email],
    ]);
  });

  it("rebuild sets the flag for the sync (rows untouched until it runs), audited", async () => {
    const { team: t, by, status } = await setup();
    await seedIndexedCalls(t.id, [1, 2], { now: NOW });
    await seedIndexState(t.id, { backfillDoneAt: ago(1_000), backfillPage: 7 });
    const { requestedAt } = await requestIndexRebuild(by("ADMIN").actor, NOW);
    const s = await status();
    expect(s.rebuildRequestedAt).toBe(requestedAt.toISOString());
    expect(s.callsIndexed).toBe(2);
    expect(await db().callIndexState.findUniqueOrThrow({ where: { teamId: t.id } })).toMatchObject({ rebuildRequestedAt: NOW, backfillPage: 7 });
    expect((await audits(t.id)).map((a) => a.action)).toEqual(["index.rebuild_requested"]);
  });

  it("agents and supervisors cannot change anything; a member demoted meanwhile is refused in the transaction", async () => {
    const { team: t, by } = await setup();
    for (const role of ["AGENT", "SUPERVISOR"] as const) {
      const actor = by(role).actor;
      await rejects(setIndexPaused(actor, true), 403);
      await rejects(requestIndexRebuild(actor), 403);
      await rejects(setIndexRetention(actor, { retentionDays: null }), 403);
      await rejects(purgeIndex(actor), 403);
    }
    await db().membership.update({ where: { id: by("ADMIN").membershipId }, data: { role: "SUPERVISOR" } });
    await rejects(setIndexPaused(by("ADMIN").actor, true), 403);
    expect(await db().callIndexState.count({ where: { teamId: t.id } })).toBe(0);
    expect((await db().team.findUniqueOrThrow({ where: { id: t.id } })).indexRetentionDays).toBe(90);
    expect(await audits(t.id)).toEqual([]);
  });

  it("retention: bad values are refused with field errors and change nothing", async () => {
    const { team: t, by } = await setup();
    await seedIndexedCalls(t.id, [1, 100], { now: NOW });
    for (const retentionDays of [0, 3651, 1.5, "30", undefined, -1]) {
      const e = await rejects(setIndexRetention(by("ADMIN").actor, { retentionDays }, NOW), 400);
      expect((e as unknown as { fieldErrors: Record<string, string[]> }).fieldErrors.retentionDays).toEqual(["Enter a whole number of days from 1 to 3650, or turn the index off."]);
    }
    expect((await db().team.findUniqueOrThrow({ where: { id: t.id } })).indexRetentionDays).toBe(90);
    expect(await db().indexedCall.count({ where: { teamId: t.id } })).toBe(2);
    expect(await audits(t.id)).toEqual([]);
  });

  it("retention: a shorter window deletes the older calls now; a longer one deletes nothing", async () => {
    const { team: t, by } = await setup();
    await seedIndexedCalls(t.id, [1, 10, 40, 80], { now: NOW });
    expect(await setIndexRetention(by("ADMIN").actor, { retentionDays: 30 }, NOW)).toEqual({ retentionDays: 30, changed: true, purged: 2 });
    expect((await db().indexedCall.findMany({ where: { teamId: t.id }, select: { callId: true }, orderBy: { callId: "asc" } })).map((r) => r.callId)).toEqual([50_000, 50_001]);
    expect(await setIndexRetention(by("ADMIN").actor, { retentionDays: 365 }, NOW)).toEqual({ retentionDays: 365, changed: true, purged: 0 });
    expect(await setIndexRetention(by("ADMIN").actor, { retentionDays: 365 }, NOW)).toEqual({ retentionDays: 365, changed: false, purged: 0 });
    expect((await audits(t.id)).map((a) => a.data)).toEqual([
      { from: 90, to: 30, purged: 2 },
      { from: 30, to: 365, purged: 0 },
    ]);
  });

  it("off deletes this team's indexed calls and sync state at once, not another team's; turning it on again starts afresh", async () => {
    const { team: t, by, status } = await setup();
    const other = await setup();
    await seedIndexedCalls(t.id, [1, 2, 3], { now: NOW });
    await seedIndexedCalls(other.team.id, [1, 2], { now: NOW }); // same call ids, another team
    await seedIndexState(t.id, { backfillDoneAt: ago(1_000), lastSuccessAt: ago(1_000) });
    await seedIndexState(other.team.id, { backfillDoneAt: ago(1_000) });
    expect(await setIndexRetention(by("OWNER").actor, { retentionDays: null }, NOW)).toEqual({ retentionDays: null, changed: true, purged: 3 });
    expect(await db().indexedCall.count({ where: { teamId: t.id } })).toBe(0);
    expect(await db().callIndexState.count({ where: { teamId: t.id } })).toBe(0);
    expect(await db().indexedCall.count({ where: { teamId: other.team.id } })).toBe(2);
    expect(await db().callIndexState.count({ where: { teamId: other.team.id } })).toBe(1);
    expect(await status()).toMatchObject({ state: "off", callsIndexed: 0 });
    expect((await audits(t.id)).map((a) => [a.action, a.data])).toEqual([["index.retention_changed", { from: 90, to: null, purged: 3 }]]);
    // Off: nothing to pause or rebuild.
    await rejects(setIndexPaused(by("OWNER").actor, true), 409);
    await rejects(requestIndexRebuild(by("OWNER").actor), 409);
    expect(await setIndexRetention(by("OWNER").actor, { retentionDays: 14 }, NOW)).toEqual({ retentionDays: 14, changed: true, purged: 0 });
    expect(await status()).toMatchObject({ state: "not_started", retentionDays: 14 });
  });

  it("purge (the CLI's) deletes the index now, and with turnOff sets retention off; audited as the operator", async () => {
    const { team: t } = await setup();
    await seedIndexedCalls(t.id, [1, 2], { now: NOW });
    await seedIndexState(t.id, { backfillDoneAt: ago(1_000) });
    expect(await purgeIndex(operatorActor(t.id))).toEqual({ purged: 2, retentionDays: 90 });
    expect(await db().callIndexState.count({ where: { teamId: t.id } })).toBe(0);
    await seedIndexedCalls(t.id, [1], { now: NOW });
    expect(await purgeIndex(operatorActor(t.id), { turnOff: true })).toEqual({ purged: 1, retentionDays: null });
    expect((await db().team.findUniqueOrThrow({ where: { id: t.id } })).indexRetentionDays).toBeNull();
    expect((await audits(t.id)).map((a) => [a.action, a.actorLabel, a.data])).toEqual([
      ["index.purged", "operator:cli", { purged: 2, turnedOff: false }],
      ["index.purged", "operator:cli", { purged: 1, turnedOff: true }],
    ]);
  });

  it("deleting the team deletes its indexed calls and sync state (as docs/operations.md says)", async () => {
    const { team: t, by } = await setup();
    await seedIndexedCalls(t.id, [1, 2], { now: NOW });
    await seedIndexState(t.id, { backfillDoneAt: ago(1_000) });
    await deleteTeam({ actor: by("OWNER").actor, confirmSlug: t.slug });
    expect(await db().indexedCall.count({ where: { teamId: t.id } })).toBe(0);
    expect(await db().callIndexState.count({ where: { teamId: t.id } })).toBe(0);
  });
});
