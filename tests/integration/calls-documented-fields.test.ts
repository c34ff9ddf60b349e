// Calls as WhatTalk documents them: without `assistant_id` and `campaign_id` (the simulator's
// `documentedFieldsOnly` setting leaves them out; the real API may not send them). An agent's
// detail and recording then fall back to the assistant's name (lib/calls/scope.ts); lists are
// filtered upstream by assistant_id and need no fallback; supervisors see names, not ids.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareNewestFirst } from "@/lib/calls/merge";
import { db } from "@/lib/db";
import { assignAssistants, connectTeam, simAllCalls, simControl, simFetch, simRequests, simUrl, teamWithRoles } from "./helpers";

type Call = Record<string, unknown> & { id: number };
type ListBody = { calls: Call[]; total: number; lastPage: number; meta: { droppedOutOfScope: number } };

const KEY = "wt_demo_alpha";
let t: Awaited<ReturnType<typeof teamWithRoles>>;
let names: Map<number, string>;
const base = () => `/api/teams/${t.team.id}/calls`;

/** Straight from the simulator (as the portal receives them in this mode). */
async function simCalls(query: Record<string, string>): Promise<Call[]> {
  const res = await simFetch(`${simUrl()}/api/user/calls?${new URLSearchParams({ per_page: "20", ...query })}`, { headers: { Authorization: `Bearer ${KEY}`, Accept: "application/json" } });
  return ((await res.json()) as { data: Call[] }).data;
}
const withRecording = async (assistantId: number) => (await simCalls({ assistant_id: String(assistantId), status: "completed" })).filter((c) => c.recording_url).slice(0, 3);

beforeAll(async () => {
  t = await teamWithRoles();
  await connectTeam(t.team.id, KEY);
  await simControl("/reset", { method: "POST" });
  const res = await simFetch(`${simUrl()}/api/user/assistants/get?per_page=100`, { headers: { Authorization: `Bearer ${KEY}` } });
  names = new Map(((await res.json()) as { data: { id: number; name: string }[] }).data.map((a) => [a.id, a.name]));

  // 101 is known by name from the team's directory (its assignment label says something else);
  // 102 only by its assignment label (no directory row), written with other case and spaces.
  await assignAssistants(t.team.id, t.users.AGENT.id, [101, 102]);
  await db().agentAssignment.updateMany({ where: { teamId: t.team.id, assistantId: 102 }, data: { label: `  ${names.get(102)!.toUpperCase()} ` } });
  await db().assistant.create({ data: { teamId: t.team.id, externalId: 101, name: names.get(101)!, source: "MANUAL" } });
  await simControl("/faults", { method: "PATCH", json: { documentedFieldsOnly: true } });
});

afterAll(async () => {
  await simControl("/reset", { method: "POST" });
});

describe("an agent's call detail and recording without assistant_id", () => {
  it("the simulator really answers without the ids", async () => {
    const [call] = await simCalls({ assistant_id: "101", per_page: "1" });
    expect(call).not.toHaveProperty("assistant_id");
    expect(call).not.toHaveProperty("campaign_id");
    expect(call.assistant_name).toBe(names.get(101));
  });

  it("shows a call whose assistant name is the directory's name of an assigned assistant", async () => {
    const [call] = await withRecording(101);
    const detail = await t.clients.AGENT.get(`${base()}/${call.id}`);
    expect(detail.status).toBe(200);
    const body = (await detail.json()) as Call;
    expect(body).toMatchObject({ id: call.id, assistantId: null, assistantName: names.get(101) });
    const rec = await t.clients.AGENT.get(`${base()}/${call.id}/recording`);
    expect(rec.status).toBe(200);
    expect(rec.headers.get("content-type")).toMatch(/^audio\//);
    expect(new TextDecoder().decode(new Uint8Array(await rec.arrayBuffer()).slice(0, 4))).toBe("RIFF");
  });

  it("shows a call whose assistant name matches an assignment label (case and spaces aside)", async () => {
    const [call] = await withRecording(102);
    expect((await t.clients.AGENT.get(`${base()}/${call.id}`)).status).toBe(200);
    expect((await t.clients.AGENT.get(`${base()}/${call.id}/recording`)).status).toBe(200);
  });

  it("answers 404 for detail and recording when the name matches none of the agent's assistants", async () => {
    const [other] = await withRecording(104);
    expect(other.assistant_name).toBe(names.get(104));
    expect((await t.clients.AGENT.get(`${base()}/${other.id}`)).status).toBe(404);
    expect((await t.clients.AGENT.get(`${base()}/${other.id}/recording`)).status).toBe(404);
    // The supervisor sees it: the 404 is the agent's scope, not a missing call.
    expect((await t.clients.SUPERVISOR.get(`${base()}/${other.id}`)).status).toBe(200);
  });

  it("answers 404 when an assigned assistant's call carries another name, or none (fail closed)", async () => {
    // Calls not read before (an earlier answer would come from the portal's response cache).
    const [, renamed, unnamed] = await withRecording(101);
    await simControl(`/calls/${renamed.id}`, { method: "PATCH", json: { assistant_name: `${names.get(101)} (copy)` } });
    await simControl(`/calls/${unnamed.id}`, { method: "PATCH", json: { assistant_name: null } });
    for (const call of [renamed, unnamed]) {
      expect((await t.clients.AGENT.get(`${base()}/${call.id}`)).status).toBe(404);
      expect((await t.clients.AGENT.get(`${base()}/${call.id}/recording`)).status).toBe(404);
    }
  });

  it("lists the agent's calls by asking WhatTalk per assigned assistant, merged exactly", async () => {
    const [a, b] = await Promise.all([simAllCalls(KEY, { assistant_id: "101" }), simAllCalls(KEY, { assistant_id: "102" })]);
    const merged = [...a, ...b].sort(compareNewestFirst);
    await simControl("/requests", { method: "DELETE" });
    const res = await t.clients.AGENT.get(`${base()}?per_page=25&page=3`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as ListBody;
    expect(body.total).toBe(merged.length);
    // WhatTalk's page 3 of the merged list, less the calls whose name no longer matches (the test
    // above renamed two of assistant 101's newest: whether they fall on page 3 depends on the hour).
    const mine = new Set([names.get(101), names.get(102)]);
    const page = merged.slice(50, 75);
    const kept = page.filter((c) => mine.has(c.assistant_name ?? undefined));
    expect(body.calls.map((c) => c.id)).toEqual(kept.map((c) => c.id));
    expect(body.meta.droppedOutOfScope).toBe(page.length - kept.length);
    expect(body.calls.every((c) => c.assistantId === null && [names.get(101), names.get(102)].includes(c.assistantName as string))).toBe(true);
    const asked = new Set((await simRequests()).map((r) => r.query.assistant_id));
    expect(asked).toEqual(new Set(["101", "102"]));
  });
});

describe("a supervisor's calls without assistant_id and campaign_id", () => {
  it("lists and filters calls with assistant and campaign names", async () => {
    const res = await t.clients.SUPERVISOR.get(`${base()}?assistant_id=101&campaign_id=1002&per_page=10`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as ListBody;
    expect(body.total).toBe((await simAllCalls(KEY, { assistant_id: "101", campaign_id: "1002" })).length);
    expect(body.calls).toHaveLength(10);
    const campaign = (await simCalls({ campaign_id: "1002", per_page: "1" }))[0].campaign_name as string;
    expect(campaign).toBeTruthy();
    for (const c of body.calls) expect(c).toMatchObject({ assistantId: null, assistantName: names.get(101), campaignId: null, campaignName: campaign });
  });

  it("shows the names in the calls table and on the call page", async () => {
    const html = await (await t.clients.SUPERVISOR.get(`/teams/${t.team.slug}/calls?view=none&assistant_id=101&campaign_id=1002&per_page=10`)).text();
    const campaign = (await simCalls({ campaign_id: "1002", per_page: "1" }))[0].campaign_name as string;
    const cell = (column: string) => [...html.matchAll(new RegExp(`data-column="${column}"[^>]*>([\\s\\S]*?)</td>`, "g"))].map((m) => m[1]);
    expect(cell("assistant")).toHaveLength(10);
    for (const c of cell("assistant")) expect(c).toContain(escapeHtml(names.get(101)!));
    for (const c of cell("campaign")) expect(c).toContain(escapeHtml(campaign));
    expect(html).not.toMatch(/Assistant #|Campaign #/);

    const [call] = await withRecording(104);
    const detail = await t.clients.SUPERVISOR.get(`/teams/${t.team.slug}/calls/${call.id}`);
    expect(detail.status).toBe(200);
    expect(await detail.text()).toContain(escapeHtml(names.get(104)!));
  });
});

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
