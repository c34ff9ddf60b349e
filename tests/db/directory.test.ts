// The assistants and campaigns directory: sync from WhatTalk (every page, vanished rows removed,
// manual rows kept, 404 fallback), entries typed by hand, and names learned from calls.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { saveCredential } from "@/lib/connection/save-credential";
import { whatTalkContextForTeam } from "@/lib/credentials/context";
import { addDirectoryEntry, removeDirectoryEntry } from "@/lib/directory/edit-directory";
import { learnFromCalls, forgetLearned } from "@/lib/directory/learn";
import { listDirectory } from "@/lib/directory/list-directory";
import { syncAssistants, UNSUPPORTED_MESSAGE } from "@/lib/directory/sync-assistants";
import { listCalls } from "@/lib/whattalk/client";
import type { Simulator } from "@/tools/whattalk-sim/server";
import { ALPHA, makeTeam, rejection, withSimulator } from "./credentials-helpers";
import { operatorActor } from "@/lib/auth/team-actor";

let sim: Simulator;

withSimulator((s) => (sim = s));

async function connectedTeam() {
  const team = await makeTeam();
  await saveCredential({ actor: team.actor(), apiKey: ALPHA });
  sim.clearRequests();
  return team;
}

describe("syncAssistants", () => {
  it("reads every page, removes SYNC rows WhatTalk no longer lists, keeps MANUAL and LEARNED ones", async () => {
    const team = await connectedTeam();
    await db().assistant.createMany({
      data: [
        { teamId: team.id, externalId: 999, name: "Gone upstream", source: "SYNC" },
        { teamId: team.id, externalId: 998, name: "Typed by hand", source: "MANUAL" },
        { teamId: team.id, externalId: 108, name: "Deleted assistant (old calls)", source: "LEARNED" },
      ],
    });
    await db().assistant.update({ where: { teamId_externalId: { teamId: team.id, externalId: 101 } }, data: { name: "Stale name" } });
    await db().assistant.update({ where: { teamId_externalId: { teamId: team.id, externalId: 102 } }, data: { source: "MANUAL", name: "Typed first" } });

    const outcome = await syncAssistants({ actor: team.actor("SUPERVISOR"), pageSize: 3 });
    expect(outcome).toMatchObject({ status: "synced", total: 7, added: 0, updated: 2, removed: 1 });
    const pages = sim.requests().filter((r) => r.path === "/api/user/assistants/get").map((r) => r.query.page);
    expect(pages).toEqual(["1", "2", "3"]);

    const dir = await listDirectory(operatorActor(team.id));
    const expected = sim.dataset.accounts[0].assistants.map((a) => ({ id: a.id, name: a.name, source: "SYNC" }));
    expect(dir.assistants).toEqual(
      [...expected, { id: 108, name: "Deleted assistant (old calls)", source: "LEARNED" }, { id: 998, name: "Typed by hand", source: "MANUAL" }].sort((a, b) => a.id - b.id),
    );
    expect(dir.sync.error).toBeNull();
    expect(dir.sync.syncedAt).toBe(outcome.status === "synced" ? outcome.syncedAt : null);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { teamId: team.id, action: "directory.synced", actorId: team.members.SUPERVISOR.userId } });
    expect(audit.data).toMatchObject({ total: 7, removed: [{ id: 999, name: "Gone upstream" }] });

    // Nothing changed upstream: a second sync changes nothing and records nothing.
    const again = await syncAssistants({ actor: team.actor() });
    expect(again).toMatchObject({ status: "synced", added: 0, updated: 0, removed: 0 });
    expect(await db().auditEvent.count({ where: { teamId: team.id, action: "directory.synced" } })).toBe(2); // the save's sync and the first one
  });

  it("falls back to entering assistants by hand when WhatTalk answers 404 for the endpoint", async () => {
    const team = await connectedTeam();
    sim.setFaults({ assistants404: true });
    const outcome = await syncAssistants({ actor: team.actor() });
    expect(outcome).toEqual({ status: "unsupported", message: UNSUPPORTED_MESSAGE });
    const dir = await listDirectory(operatorActor(team.id));
    expect(dir.sync.error).toBe(UNSUPPORTED_MESSAGE);
    expect(dir.assistants).toHaveLength(7); // nothing removed on a 404

    const added = await addDirectoryEntry({ actor: team.actor(), kind: "assistant", entry: { id: "4242", name: "  Night line  " } });
    expect(added).toEqual({ id: 4242, name: "Night line", source: "MANUAL" });
    expect((await listDirectory(operatorActor(team.id))).assistants.find((a) => a.id === 4242)).toEqual(added);

    // A working sync clears the error.
    sim.setFaults({});
    await syncAssistants({ actor: team.actor() });
    expect((await listDirectory(operatorActor(team.id))).sync.error).toBeNull();
  });

  it("records other failures as the last sync error and throws them; NO_CREDENTIAL without a usable key", async () => {
    const team = await connectedTeam();
    sim.setFaults({ failNext: { count: 5, status: 503 } });
    const error = await rejection(syncAssistants({ actor: team.actor() }));
    expect(error).toMatchObject({ kind: "upstream_error" });
    expect((await listDirectory(operatorActor(team.id))).sync.error).toMatch(/HTTP 503/);

    const bare = await makeTeam();
    expect(await rejection(syncAssistants({ actor: bare.actor() }))).toMatchObject({ code: "NO_CREDENTIAL", details: { reason: "missing" } });
    expect(await rejection(syncAssistants({ actor: team.actor("AGENT") }))).toMatchObject({ code: "FORBIDDEN" });
  });

  it("the save of a key whose account has no assistant list still succeeds", async () => {
    const team = await makeTeam();
    sim.setFaults({ assistants404: true });
    const res = await saveCredential({ actor: team.actor(), apiKey: ALPHA });
    expect(res.credential.status).toBe("ok");
    expect(res.directory).toEqual({ status: "unsupported", message: UNSUPPORTED_MESSAGE });
  });
});

describe("manual entries", () => {
  it("adds, renames and removes assistants and campaigns; synced assistants keep WhatTalk's name", async () => {
    const team = await connectedTeam();
    expect(await addDirectoryEntry({ actor: team.actor("SUPERVISOR"), kind: "campaign", entry: { id: 7001, name: "Spring promo" } })).toEqual({ id: 7001, name: "Spring promo", source: "MANUAL" });
    expect(await addDirectoryEntry({ actor: team.actor(), kind: "campaign", entry: { id: 7001, name: "Spring promo 2" } })).toMatchObject({ name: "Spring promo 2" });
    const conflict = (await rejection(addDirectoryEntry({ actor: team.actor(), kind: "assistant", entry: { id: 101, name: "Mine" } }))) as AppError;
    expect(conflict.code).toBe("CONFLICT");
    expect(conflict.fieldErrors?.id?.[0]).toMatch(/synced from WhatTalk/);

    const invalid = (await rejection(addDirectoryEntry({ actor: team.actor(), kind: "campaign", entry: { id: "abc", name: "" } }))) as AppError;
    expect(invalid.code).toBe("BAD_REQUEST");
    expect(Object.keys(invalid.fieldErrors ?? {}).sort()).toEqual(["id", "name"]);
    expect(await rejection(addDirectoryEntry({ actor: team.actor("AGENT"), kind: "campaign", entry: { id: 1, name: "x" } }))).toMatchObject({ code: "FORBIDDEN" });

    expect(await removeDirectoryEntry({ actor: team.actor(), kind: "campaign", id: "7001" })).toEqual({ removed: { id: 7001, name: "Spring promo 2", source: "MANUAL" } });
    expect(await rejection(removeDirectoryEntry({ actor: team.actor(), kind: "campaign", id: "7001" }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejection(removeDirectoryEntry({ actor: team.actor(), kind: "assistant", id: "nope" }))).toMatchObject({ code: "BAD_REQUEST" });
    const ops = (await db().auditEvent.findMany({ where: { teamId: team.id, action: "directory.changed" }, orderBy: { createdAt: "asc" } })).map((e) => (e.data as { op: string }).op);
    expect(ops).toEqual(["added", "renamed", "removed"]);
  });
});

describe("learnFromCalls", () => {
  it("upserts LEARNED assistants and campaigns seen in real calls, keeping synced and manual names", async () => {
    const team = await connectedTeam();
    await addDirectoryEntry({ actor: team.actor(), kind: "campaign", entry: { id: 1001, name: "Our own name" } });
    const ctx = await whatTalkContextForTeam(operatorActor(team.id));
    const calls = [];
    for (let page = 1; page <= 5; page++) calls.push(...(await listCalls(ctx, { per_page: 100, page })).data.data);

    const changed = await learnFromCalls(operatorActor(team.id), calls);
    expect(changed.campaigns).toBeGreaterThan(0);
    const dir = await listDirectory(operatorActor(team.id));
    const pairs = new Map<number, string>();
    for (const c of calls) if (c.campaign_id && c.campaign_name) pairs.set(c.campaign_id, c.campaign_name);
    expect(dir.campaigns.map((c) => c.id)).toEqual([...pairs.keys()].sort((a, b) => a - b));
    for (const c of dir.campaigns) {
      if (c.id === 1001) expect(c).toEqual({ id: 1001, name: "Our own name", source: "MANUAL" });
      else expect(c).toEqual({ id: c.id, name: pairs.get(c.id), source: "LEARNED" });
    }
    // Synced assistants keep their source; the deleted assistant 108 of old calls is learned if seen.
    for (const a of dir.assistants) expect(a.source).toBe(a.id <= 107 ? "SYNC" : "LEARNED");
  });

  it("is cheap: nothing new means no database work; a renamed campaign is learned again", async () => {
    const team = await makeTeam();
    const calls = [
      { assistant_id: 5, assistant_name: "Five", campaign_id: 50, campaign_name: "Fifty" },
      { assistant_id: 5, assistant_name: "Five", campaign_id: null, campaign_name: null },
      { assistant_id: null, assistant_name: "No id", campaign_id: 51, campaign_name: null },
    ];
    expect(await learnFromCalls(operatorActor(team.id), calls)).toEqual({ assistants: 1, campaigns: 2, seen: 1 }); // "No id" is seen, not learned
    expect((await listDirectory(operatorActor(team.id))).campaigns).toEqual([
      { id: 50, name: "Fifty", source: "LEARNED" },
      { id: 51, name: "Campaign 51", source: "LEARNED" },
    ]);
    // Delete behind its back: the same calls again are skipped in memory, so nothing comes back.
    await db().campaign.deleteMany({ where: { teamId: team.id } });
    expect(await learnFromCalls(operatorActor(team.id), calls)).toEqual({ assistants: 0, campaigns: 0, seen: 0 });
    expect((await listDirectory(operatorActor(team.id))).campaigns).toEqual([]);
    forgetLearned(operatorActor(team.id));
    expect(await learnFromCalls(operatorActor(team.id), calls)).toEqual({ assistants: 0, campaigns: 2, seen: 0 });
    // A new name for a learned campaign updates it; a fallback name never overwrites a real one.
    expect(await learnFromCalls(operatorActor(team.id), [{ campaign_id: 50, campaign_name: "Fifty (renamed)" }, { campaign_id: 51, campaign_name: "Fifty-one" }])).toEqual({ assistants: 0, campaigns: 2, seen: 0 });
    expect(await learnFromCalls(operatorActor(team.id), [{ campaign_id: 51, campaign_name: null }])).toEqual({ assistants: 0, campaigns: 0, seen: 0 });
    expect((await listDirectory(operatorActor(team.id))).campaigns.map((c) => c.name)).toEqual(["Fifty (renamed)", "Fifty-one"]);
  });

  it("concurrent learners of the same new pairs do not fail", async () => {
    const team = await makeTeam();
    const calls = Array.from({ length: 20 }, (_, i) => ({ campaign_id: 900 + i, campaign_name: `C${i}` }));
    await Promise.all([learnFromCalls(operatorActor(team.id), calls), (async () => (forgetLearned(operatorActor(team.id)), learnFromCalls(operatorActor(team.id), calls)))()]);
    expect((await listDirectory(operatorActor(team.id))).campaigns).toHaveLength(20);
  });
});

describe("listDirectory", () => {
  it("narrows assistants to the ids given (an agent's assignments)", async () => {
    const team = await connectedTeam();
    const dir = await listDirectory(operatorActor(team.id), { onlyAssistantIds: [101, 102, 4242] });
    expect(dir.assistants.map((a) => a.id)).toEqual([101, 102]);
  });
});
