// Names seen in calls that carry no id (WhatTalk's documented call object has assistant_name and
// campaign_name only): recorded per team with a count and the last time seen, bounded, deduped,
// idempotent, listed for the directory settings page until an entry with that name exists.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { callInScope } from "@/lib/calls/scope";
import { saveCredential } from "@/lib/connection/save-credential";
import { whatTalkContextForTeam } from "@/lib/credentials/context";
import { addDirectoryEntry, removeDirectoryEntry } from "@/lib/directory/edit-directory";
import { forgetLearned, learnFromCalls, SEEN_MAX_CALL_IDS, SEEN_MAX_PER_KIND } from "@/lib/directory/learn";
import { listDirectory } from "@/lib/directory/list-directory";
import { listSeenNames } from "@/lib/directory/list-seen-names";
import { listCalls } from "@/lib/whattalk/client";
import type { UpstreamCall } from "@/lib/whattalk/schemas";
import type { Simulator } from "@/tools/whattalk-sim/server";
import { ALPHA, makeTeam, withSimulator } from "./credentials-helpers";
import { operatorActor } from "@/lib/auth/team-actor";

let sim: Simulator;

withSimulator((s) => (sim = s));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rowsOf = (teamId: string) =>
  db().seenDirectoryName.findMany({ where: { teamId }, orderBy: [{ kind: "asc" }, { name: "asc" }], select: { kind: true, name: true, callIds: true, firstSeenAt: true, lastSeenAt: true } });

/** Distinct call ids per name, for the calls that carry the name but not the id. */
function expectedCounts(calls: readonly UpstreamCall[], field: "campaign" | "assistant") {
  const byName = new Map<string, Set<number>>();
  for (const c of calls) {
    const name = c[`${field}_name`];
    if (!name || c[`${field}_id`] != null) continue;
    byName.set(name, (byName.get(name) ?? new Set()).add(c.id));
  }
  return byName;
}

describe("learnFromCalls on calls without ids", () => {
  it("records the campaign names of documented-shape calls with their counts; the directory stays as it was", async () => {
    const team = await makeTeam();
    await saveCredential({ actor: team.actor(), apiKey: ALPHA }); // syncs the assistants 101–107
    sim.setFaults({ documentedFieldsOnly: true });
    const ctx = await whatTalkContextForTeam(operatorActor(team.id));
    const calls: UpstreamCall[] = [];
    for (let page = 1; page <= 3; page++) calls.push(...(await listCalls(ctx, { per_page: 100, page }, { cache: false })).data.data);
    expect(calls.every((c) => c.assistant_id === null && c.campaign_id === null)).toBe(true);

    const before = await listDirectory(operatorActor(team.id));
    const changed = await learnFromCalls(operatorActor(team.id), calls);
    expect(changed).toMatchObject({ assistants: 0, campaigns: 0 });
    expect(await listDirectory(operatorActor(team.id))).toEqual(before); // nothing learned without ids

    const campaigns = expectedCounts(calls, "campaign");
    expect(campaigns.size).toBeGreaterThan(1);
    const seen = await listSeenNames(operatorActor(team.id));
    expect(new Map(seen.campaigns.map((s) => [s.name, s.callCount]))).toEqual(new Map([...campaigns].map(([n, ids]) => [n, ids.size])));
    for (const s of seen.campaigns) expect(s).toMatchObject({ capped: false, lastSeenAt: expect.any(String), firstSeenAt: s.lastSeenAt });
    // Every assistant name of these calls is a synced assistant's: none is listed.
    const synced = new Set(before.assistants.map((a) => a.name.toLowerCase()));
    expect([...expectedCounts(calls, "assistant").keys()].every((n) => synced.has(n.toLowerCase()))).toBe(true);
    expect(seen.assistants).toEqual([]);
    // ... but they are recorded (an assistant removed from the directory is listed again).
    expect((await rowsOf(team.id)).filter((r) => r.kind === "ASSISTANT").length).toBe(expectedCounts(calls, "assistant").size);
    expect(changed.seen).toBe(campaigns.size + expectedCounts(calls, "assistant").size);
  });

  it("is idempotent: the same calls again change nothing, even after the in-memory set is forgotten", async () => {
    const team = await makeTeam();
    const calls = [
      { id: 1, campaign_name: "Spring", assistant_name: "Night line" },
      { id: 2, campaign_name: "Spring", assistant_name: "Night line" },
      { id: 3, campaign_name: "Autumn", assistant_name: null },
    ];
    expect(await learnFromCalls(operatorActor(team.id), calls)).toEqual({ assistants: 0, campaigns: 0, seen: 3 });
    const rows = await rowsOf(team.id);
    expect(rows.map((r) => [r.kind, r.name, [...r.callIds].sort()])).toEqual([
      ["ASSISTANT", "Night line", [1, 2]],
      ["CAMPAIGN", "Autumn", [3]],
      ["CAMPAIGN", "Spring", [1, 2]],
    ]);
    await sleep(5);
    forgetLearned(operatorActor(team.id));
    expect(await learnFromCalls(operatorActor(team.id), calls)).toEqual({ assistants: 0, campaigns: 0, seen: 0 });
    expect(await learnFromCalls(operatorActor(team.id), [...calls].reverse())).toEqual({ assistants: 0, campaigns: 0, seen: 0 });
    expect(await rowsOf(team.id)).toEqual(rows); // not even lastSeenAt moved

    // A new call with a known name counts once and moves its last-seen time; the first-seen stays.
    await sleep(5);
    expect(await learnFromCalls(operatorActor(team.id), [{ id: 4, campaign_name: "Spring" }, { id: 4, campaign_name: "Spring" }])).toEqual({ assistants: 0, campaigns: 0, seen: 1 });
    const spring = (await rowsOf(team.id)).find((r) => r.name === "Spring")!;
    const old = rows.find((r) => r.name === "Spring")!;
    expect([...spring.callIds].sort()).toEqual([1, 2, 4]);
    expect(spring.firstSeenAt).toEqual(old.firstSeenAt);
    expect(spring.lastSeenAt.getTime()).toBeGreaterThan(old.lastSeenAt.getTime());
    expect((await listSeenNames(operatorActor(team.id))).campaigns.map((s) => [s.name, s.callCount])).toEqual([
      ["Spring", 3],
      ["Autumn", 1],
    ]);
  });

  it("is cheap: calls already handled are skipped in memory, without database work", async () => {
    const team = await makeTeam();
    const calls = [{ id: 10, campaign_name: "Spring" }];
    await learnFromCalls(operatorActor(team.id), calls);
    await db().seenDirectoryName.deleteMany({ where: { teamId: team.id } });
    expect(await learnFromCalls(operatorActor(team.id), calls)).toEqual({ assistants: 0, campaigns: 0, seen: 0 });
    expect(await rowsOf(team.id)).toEqual([]); // nothing was written: the set skipped it
    forgetLearned(operatorActor(team.id));
    expect(await learnFromCalls(operatorActor(team.id), calls)).toEqual({ assistants: 0, campaigns: 0, seen: 1 });
    expect(await rowsOf(team.id)).toHaveLength(1);
  });

  it("keeps learning (id, name) from calls that carry the ids, without recording them as seen", async () => {
    const team = await makeTeam();
    const res = await learnFromCalls(operatorActor(team.id), [
      { id: 1, assistant_id: 5, assistant_name: "Five", campaign_id: 50, campaign_name: "Fifty" },
      { id: 2, assistant_id: 5, assistant_name: "Five", campaign_id: null, campaign_name: "No id here" },
      { id: 3, assistant_id: null, assistant_name: null, campaign_id: null, campaign_name: null },
    ]);
    expect(res).toEqual({ assistants: 1, campaigns: 1, seen: 1 });
    const dir = await listDirectory(operatorActor(team.id));
    expect(dir.assistants).toEqual([{ id: 5, name: "Five", source: "LEARNED" }]);
    expect(dir.campaigns).toEqual([{ id: 50, name: "Fifty", source: "LEARNED" }]);
    expect((await rowsOf(team.id)).map((r) => [r.kind, r.name])).toEqual([["CAMPAIGN", "No id here"]]);
  });

  it("cleans names (control characters, spaces, length) and ignores empty ones", async () => {
    const team = await makeTeam();
    const long = "L".repeat(300);
    await learnFromCalls(operatorActor(team.id), [
      { id: 1, campaign_name: "  Bell\u0007ringer\n " },
      { id: 2, campaign_name: "   " },
      { id: 3, campaign_name: long },
    ]);
    expect((await rowsOf(team.id)).map((r) => r.name).sort()).toEqual(["Bell ringer", "L".repeat(120)]);
  });

  it("keeps at most SEEN_MAX_PER_KIND names per team and kind, dropping the least recently seen", async () => {
    const team = await makeTeam();
    const name = (p: string, i: number) => `${p}${String(i).padStart(3, "0")}`;
    await learnFromCalls(
      operatorActor(team.id),
      Array.from({ length: SEEN_MAX_PER_KIND }, (_, i) => ({ id: i + 1, campaign_name: name("A", i), assistant_name: "Only assistant" })),
    );
    await sleep(5);
    await learnFromCalls(operatorActor(team.id), [{ id: 5000, campaign_name: name("A", SEEN_MAX_PER_KIND - 1) }]); // seen again: now recent
    await sleep(5);
    await learnFromCalls(operatorActor(team.id), Array.from({ length: 20 }, (_, i) => ({ id: 6000 + i, campaign_name: name("B", i) })));

    const campaigns = (await rowsOf(team.id)).filter((r) => r.kind === "CAMPAIGN").map((r) => r.name);
    expect(campaigns).toHaveLength(SEEN_MAX_PER_KIND);
    // Dropped: the 20 A names seen least recently (ties in time go by name, the last ones first).
    const dropped = Array.from({ length: 20 }, (_, i) => name("A", SEEN_MAX_PER_KIND - 21 + i));
    for (const n of dropped) expect(campaigns).not.toContain(n);
    for (const n of [name("A", 0), name("A", SEEN_MAX_PER_KIND - 22), name("A", SEEN_MAX_PER_KIND - 1), name("B", 0), name("B", 19)]) expect(campaigns).toContain(n);
    // The other kind is bounded on its own.
    expect((await rowsOf(team.id)).filter((r) => r.kind === "ASSISTANT").map((r) => r.name)).toEqual(["Only assistant"]);
  });

  it("counts at most SEEN_MAX_CALL_IDS calls per name (the newest ids kept), shown as capped", async () => {
    const team = await makeTeam();
    const calls = Array.from({ length: SEEN_MAX_CALL_IDS + 50 }, (_, i) => ({ id: i + 1, campaign_name: "Busy" }));
    await learnFromCalls(operatorActor(team.id), calls);
    const [row] = await rowsOf(team.id);
    expect(row.callIds).toHaveLength(SEEN_MAX_CALL_IDS);
    expect(Math.min(...row.callIds)).toBe(51);
    expect((await listSeenNames(operatorActor(team.id))).campaigns).toEqual([expect.objectContaining({ name: "Busy", callCount: SEEN_MAX_CALL_IDS, capped: true })]);
  });

  it("keeps each team's names to itself", async () => {
    const a = await makeTeam();
    const b = await makeTeam();
    await learnFromCalls(operatorActor(a.id), [{ id: 1, campaign_name: "Shared name" }, { id: 2, campaign_name: "Only A" }]);
    await learnFromCalls(operatorActor(b.id), [{ id: 1, campaign_name: "Shared name" }]); // same call id, other team: counted there too
    await addDirectoryEntry({ actor: a.actor(), kind: "campaign", entry: { id: 77, name: "Shared name" } });
    expect((await listSeenNames(operatorActor(a.id))).campaigns.map((s) => s.name)).toEqual(["Only A"]);
    expect((await listSeenNames(operatorActor(b.id))).campaigns.map((s) => [s.name, s.callCount])).toEqual([["Shared name", 1]]);
    await db().team.delete({ where: { id: a.id } });
    expect(await rowsOf(a.id)).toEqual([]);
    expect(await rowsOf(b.id)).toHaveLength(1);
  });

  it("concurrent learners of the same new names do not fail and count each call once", async () => {
    const team = await makeTeam();
    const calls = Array.from({ length: 30 }, (_, i) => ({ id: 100 + i, campaign_name: `C${i % 5}` }));
    await Promise.all([learnFromCalls(operatorActor(team.id), calls), (async () => (forgetLearned(operatorActor(team.id)), learnFromCalls(operatorActor(team.id), calls)))()]);
    const seen = await listSeenNames(operatorActor(team.id));
    expect(seen.campaigns.map((s) => [s.name, s.callCount]).sort()).toEqual([0, 1, 2, 3, 4].map((i) => [`C${i}`, 6]));
  });
});

describe("listSeenNames and the directory", () => {
  it("an entry added with a seen name (any case) takes it off the list; removing it brings it back", async () => {
    const team = await makeTeam();
    await learnFromCalls(operatorActor(team.id), [
      { id: 1, campaign_name: "Q4 Outreach Campaign", assistant_name: "Sales Assistant" },
      { id: 2, campaign_name: "Winback" },
    ]);
    expect(await listSeenNames(operatorActor(team.id))).toEqual({
      assistants: [expect.objectContaining({ name: "Sales Assistant", callCount: 1 })],
      campaigns: [expect.objectContaining({ name: "Q4 Outreach Campaign", callCount: 1 }), expect.objectContaining({ name: "Winback", callCount: 1 })],
    });

    await addDirectoryEntry({ actor: team.actor(), kind: "campaign", entry: { id: 1001, name: "q4 outreach campaign" } });
    expect((await listSeenNames(operatorActor(team.id))).campaigns.map((s) => s.name)).toEqual(["Winback"]);
    // An assistant of the same name does not take a campaign off the list, and the other way round.
    await addDirectoryEntry({ actor: team.actor(), kind: "assistant", entry: { id: 9, name: "Winback" } });
    expect((await listSeenNames(operatorActor(team.id))).campaigns.map((s) => s.name)).toEqual(["Winback"]);
    expect((await listSeenNames(operatorActor(team.id))).assistants.map((s) => s.name)).toEqual(["Sales Assistant"]);

    await removeDirectoryEntry({ actor: team.actor(), kind: "campaign", id: 1001 });
    expect((await listSeenNames(operatorActor(team.id))).campaigns.map((s) => s.name).sort()).toEqual(["Q4 Outreach Campaign", "Winback"]);
  });

  it("an assistant added from its seen name lets the agent-scope fallback match calls without assistant_id", async () => {
    const team = await makeTeam();
    await db().agentAssignment.create({ data: { teamId: team.id, membershipId: team.members.AGENT.membershipId, assistantId: 4242, label: "Assistant 4242" } });
    const scope = { teamId: team.id, kind: "assigned" as const, assistants: [{ id: 4242, label: "Assistant 4242" }] };
    const call = { id: 1, assistant_id: null, assistant_name: "Night line" };
    await learnFromCalls(operatorActor(team.id), [call]);
    expect(await callInScope(scope, call)).toBe(false); // the name is unknown: fail closed
    expect((await listSeenNames(operatorActor(team.id))).assistants.map((s) => s.name)).toEqual(["Night line"]);

    await addDirectoryEntry({ actor: team.actor(), kind: "assistant", entry: { id: 4242, name: "Night line" } });
    expect(await callInScope(scope, call)).toBe(true);
    expect(await callInScope(scope, { assistant_id: 4243, assistant_name: "Night line" })).toBe(false); // an id still decides
    expect((await listSeenNames(operatorActor(team.id))).assistants).toEqual([]);
  });
});
