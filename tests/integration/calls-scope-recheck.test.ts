// An agent's calls never depend on WhatTalk applying `assistant_id`: with the simulator ignoring
// that filter (`ignoreAssistantFilter`), every list, merged list, live refresh and calls page still
// shows only the agent's assistants' calls, counts the others in meta and logs them; supervisors are
// unaffected, and agents still have no export or analytics at all.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { appLog, assignAssistants, Client, connectTeam, createUser, simAllCalls, simControl, simRequests, teamWithRoles } from "./helpers";

type Call = { id: number; assistantId: number | null; assistantName: string | null; live: boolean };
type ListBody = { calls: Call[]; total: number; meta: { scope: string; droppedOutOfScope: number } };
type SimCall = { id: number; assistant_id: number | null; assistant_name?: string | null; status?: string };

const KEY = "wt_demo_alpha";
let t: Awaited<ReturnType<typeof teamWithRoles>>;
/** A second agent, with two assistants (a merged list). */
let merged: Client;
const api = (query = "") => `/api/teams/${t.team.id}/calls${query}`;
const list = async (client: Client, query: string) => {
  const res = await client.get(api(query));
  expect(res.status).toBe(200);
  return (await res.json()) as ListBody;
};
/** What the simulator answers for `query` (with the filter ignored, every assistant's calls). */
const simPage = async (query: Record<string, string>) => (await simAllCalls(KEY, query)) as SimCall[];

/** The warnings the portal logged about dropped calls for this team. */
function droppedWarnings(): Record<string, unknown>[] {
  return appLog()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l.teamId === t.team.id && l.msg === "calls outside the member's scope dropped from a WhatTalk answer");
}

beforeAll(async () => {
  t = await teamWithRoles();
  await connectTeam(t.team.id, KEY);
  await assignAssistants(t.team.id, t.users.AGENT.id, [101]);
  const second = await createUser();
  await db().membership.create({ data: { teamId: t.team.id, userId: second.id, role: "AGENT" } });
  await assignAssistants(t.team.id, second.id, [101, 102]);
  merged = await new Client().signIn(second.email);
});
beforeEach(async () => {
  await simControl("/reset", { method: "POST" });
  await simControl("/faults", { method: "PATCH", json: { ignoreAssistantFilter: true } });
});
afterAll(async () => {
  await simControl("/reset", { method: "POST" });
});

describe("WhatTalk ignores assistant_id", () => {
  it("an agent's list keeps only their assistant's calls, and meta and the log count the others", async () => {
    const before = droppedWarnings().length;
    // What WhatTalk answers to the portal's request: the first 25 of every assistant's calls.
    const upstream = (await simPage({ status: "failed" })).slice(0, 25);
    const own = upstream.filter((c) => c.assistant_id === 101);
    expect(own.length).toBeGreaterThan(0);
    expect(own.length).toBeLessThan(upstream.length);

    const body = await list(t.clients.AGENT, "?status=failed&per_page=25&fresh=1");
    expect(body.calls.map((c) => c.id)).toEqual(own.map((c) => c.id));
    expect(body.calls.every((c) => c.assistantId === 101)).toBe(true);
    expect(body.meta).toMatchObject({ scope: "assigned", droppedOutOfScope: upstream.length - own.length });

    const logged = droppedWarnings().slice(before);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: "warn", module: "calls", teamId: t.team.id, answer: "list", dropped: upstream.length - own.length, checked: 25 });
    // Counts and the team only: no call, no key.
    expect(Object.keys(logged[0]).sort()).toEqual(["answer", "checked", "dropped", "level", "module", "msg", "service", "teamId", "time"]);
    expect(JSON.stringify(logged[0])).not.toContain(KEY);
  });

  it("a filter on one of the agent's assistants keeps that assistant's calls only", async () => {
    const body = await list(merged, "?assistant_id=102&status=completed&per_page=50");
    const upstream = (await simPage({ status: "completed" })).slice(0, 50);
    expect(body.calls.map((c) => c.id)).toEqual(upstream.filter((c) => c.assistant_id === 102).map((c) => c.id));
    expect(body.meta.droppedOutOfScope).toBe(upstream.filter((c) => c.assistant_id !== 102).length);
  });

  it("a merged list (two assistants) keeps their calls, each once, and counts the others", async () => {
    const before = droppedWarnings().length;
    // Both assistants' queries answer the same whole list, so the merge's first 25 are its first 13 calls (twice each but one).
    const upstream = (await simPage({ status: "completed" })).slice(0, 13);
    const own = upstream.filter((c) => c.assistant_id === 101 || c.assistant_id === 102);
    expect(own.length).toBeLessThan(upstream.length);

    const body = await list(merged, "?status=completed&per_page=25");
    expect(body.calls.map((c) => c.id)).toEqual(own.map((c) => c.id));
    expect(body.meta).toMatchObject({ scope: "assigned", droppedOutOfScope: upstream.length - own.length });
    expect(droppedWarnings().slice(before)).toEqual([expect.objectContaining({ answer: "merged list", dropped: upstream.length - own.length })]);
  });

  it("the live refresh (fresh=1) shows a new call of the agent's assistant, not another assistant's", async () => {
    const mine = (await simControl("/calls", { method: "POST", json: { key: KEY, type: "outbound", status: "ringing", assistant_id: 101 } })) as SimCall;
    const other = (await simControl("/calls", { method: "POST", json: { key: KEY, type: "outbound", status: "ringing", assistant_id: 103 } })) as SimCall;
    const body = await list(t.clients.AGENT, "?type=outbound&per_page=25&fresh=1");
    const ids = body.calls.map((c) => c.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(other.id);
    expect(body.calls.every((c) => c.assistantId === 101)).toBe(true);
    expect(body.meta.droppedOutOfScope).toBeGreaterThanOrEqual(1);
  });

  it("the calls page's server render shows only the agent's assistants' calls", async () => {
    const upstream = (await simPage({ status: "failed" })).slice(0, 25);
    const others = upstream.filter((c) => c.assistant_id !== 101);
    expect(others.length).toBeGreaterThan(0);
    const res = await t.clients.AGENT.get(`/teams/${t.team.slug}/calls?view=none&status=failed&per_page=25`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const rows = [...html.matchAll(/data-call-id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(rows).toEqual(upstream.filter((c) => c.assistant_id === 101).map((c) => c.id));
    // Not in the rows, the links or the data the page hands its table.
    for (const c of others) {
      expect(html).not.toMatch(new RegExp(`/calls/${c.id}(?!\\d)`));
      expect(html).not.toMatch(new RegExp(`\\\\?"id\\\\?":${c.id}\\b`));
    }
    expect(html).toMatch(/\\?"droppedOutOfScope\\?":[1-9]/);
  });

  it("fails closed: a call without assistant_id whose name is unknown, or missing, is dropped", async () => {
    const busy = (await simPage({ status: "busy" })).slice(0, 100);
    const [first, renamed, unnamed] = busy.filter((c) => c.assistant_id === 101);
    const name = first.assistant_name!;
    await simControl(`/calls/${renamed.id}`, { method: "PATCH", json: { assistant_name: `${name} (copy)` } });
    await simControl(`/calls/${unnamed.id}`, { method: "PATCH", json: { assistant_name: null } });
    // Calls as WhatTalk documents them (no assistant_id): the agent's assistant is known by its name.
    await db().agentAssignment.updateMany({ where: { teamId: t.team.id, assistantId: 101 }, data: { label: name } });
    await simControl("/faults", { method: "PATCH", json: { documentedFieldsOnly: true } });

    const upstream = (await simPage({ status: "busy" })).slice(0, 100);
    expect(upstream[0]).not.toHaveProperty("assistant_id");
    const body = await list(t.clients.AGENT, "?status=busy&per_page=100&fresh=1");
    expect(body.calls.map((c) => c.id)).toEqual(upstream.filter((c) => c.assistant_name === name).map((c) => c.id));
    expect(body.calls.map((c) => c.id)).not.toContain(renamed.id);
    expect(body.calls.map((c) => c.id)).not.toContain(unnamed.id);
    expect(body.calls.length).toBeGreaterThan(0);
    expect(body.meta.droppedOutOfScope).toBe(upstream.length - body.calls.length);
  });

  it("supervisors are unaffected: every assistant's calls, nothing dropped", async () => {
    const upstream = (await simPage({ status: "failed" })).slice(0, 25);
    const body = await list(t.clients.SUPERVISOR, "?status=failed&per_page=25");
    expect(body.calls.map((c) => c.id)).toEqual(upstream.map((c) => c.id));
    expect(body.meta).toMatchObject({ scope: "all", droppedOutOfScope: 0 });
    const filtered = await list(t.clients.SUPERVISOR, "?assistant_id=101&status=failed&per_page=25");
    expect(filtered.calls.map((c) => c.id)).toEqual(upstream.map((c) => c.id)); // what WhatTalk sent, as before
  });

  it("agents still have no CSV export and no analytics (403, WhatTalk not asked); supervisors' export and analytics drop nothing", async () => {
    await simControl("/requests", { method: "DELETE" });
    for (const client of [t.clients.AGENT, merged]) {
      expect((await client.get(`/api/teams/${t.team.id}/calls/export`)).status).toBe(403);
      expect((await client.get(`/api/teams/${t.team.id}/calls/export?assistant_id=101`)).status).toBe(403);
      expect((await client.get(`/api/teams/${t.team.id}/analytics`)).status).toBe(403);
      expect((await client.get(`/teams/${t.team.slug}/analytics`)).status).toBe(403);
    }
    expect(await simRequests()).toEqual([]);

    const day = (await simPage({ status: "failed" }))[0] as SimCall & { created_at: string };
    const date = day.created_at.slice(0, 10);
    const query = `date_from=${date}&date_to=${date}&status=failed`;
    const expected = await simPage({ date_from: date, date_to: date, status: "failed" });
    const csv = await t.clients.SUPERVISOR.get(`/api/teams/${t.team.id}/calls/export?${query}&columns=time,assistant`);
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text.trim().split("\n").length - 1).toBe(expected.length);
    const lines = (await (await t.clients.SUPERVISOR.get(`/api/teams/${t.team.id}/analytics?${query}&fresh=1`)).text()).trim().split("\n");
    const result = JSON.parse(lines.at(-1)!) as { type: string; result: { meta: { droppedOutOfScope: number } } };
    expect(result.type).toBe("result");
    expect(result.result.meta.droppedOutOfScope).toBe(0);
  });
});
