// Search through the calls API and page of a production build: index-only selections come from the
// call index (rows written here with indexedCallRow from the simulator's calls, no sync engine),
// bad search input is a 400 with the field's error, agents see only their assistants' calls and
// no costs, and an index that is off or not built is a clear 409.
import { beforeAll, describe, expect, it } from "vitest";
import { indexedCallRow } from "@/lib/call-index/row";
import { db } from "@/lib/db";
import type { UpstreamCall } from "@/lib/whattalk";
import { assignAssistants, connectTeam, simFetch, simUrl, teamWithRoles } from "./helpers";

const KEY = "wt_demo_alpha";
type Body = { calls: { id: number; assistantId: number | null; totalCost?: number | null; match?: { snippet: string; highlights: [number, number][] } }[]; total: number; meta: { source?: string; index?: { complete: boolean } }; error?: { code: string; message: string; fieldErrors?: Record<string, string[]> } };

let t: Awaited<ReturnType<typeof teamWithRoles>>;
let calls: UpstreamCall[];
const api = (q: string) => `/api/teams/${t.team.id}/calls?${q}`;

beforeAll(async () => {
  t = await teamWithRoles();
  await connectTeam(t.team.id, KEY);
  await assignAssistants(t.team.id, t.users.AGENT.id, [101]);
  calls = [];
  for (let page = 1; page <= 5; page++) {
    const res = await simFetch(`${simUrl()}/api/user/calls?per_page=100&page=${page}`, { headers: { Authorization: `Bearer ${KEY}`, Accept: "application/json" } });
    calls.push(...((await res.json()) as { data: UpstreamCall[] }).data);
  }
  const rows = calls.map((c) => indexedCallRow(t.team.id, "Europe/Istanbul", c)).filter((r) => r !== null);
  await db().indexedCall.createMany({ data: rows });
  await db().callIndexState.create({ data: { teamId: t.team.id, lastSuccessAt: new Date(), backfillDoneAt: new Date() } });
});

async function get(role: keyof typeof t.clients, q: string): Promise<{ status: number; body: Body }> {
  const res = await t.clients[role].get(api(q));
  return { status: res.status, body: (await res.json()) as Body };
}

describe("search through the calls API", () => {
  it("answers from the index, with snippets, for a supervisor (costs included)", async () => {
    const { status, body } = await get("SUPERVISOR", "q=merhaba&per_page=100");
    expect(status).toBe(200);
    expect(body.meta.source).toBe("index");
    expect(body.meta.index?.complete).toBe(true);
    expect(body.total).toBeGreaterThan(0);
    const [first] = body.calls;
    expect(first.match?.highlights.length).toBeGreaterThan(0);
    const [s, e] = first.match!.highlights[0];
    expect(first.match!.snippet.slice(s, e).toLocaleLowerCase("tr")).toBe("merhaba");
    expect(body.calls.some((c) => typeof c.totalCost === "number")).toBe(true);
  });

  it("an agent gets only their assistant's calls, without costs, and a cost filter is a 400", async () => {
    const all = await get("SUPERVISOR", "q=merhaba&per_page=100");
    expect(new Set(all.body.calls.map((c) => c.assistantId)).size).toBeGreaterThan(1);
    const { status, body } = await get("AGENT", "q=merhaba&per_page=100");
    expect(status).toBe(200);
    expect(body.total).toBeGreaterThan(0);
    expect(body.total).toBeLessThan(all.body.total);
    expect(body.calls.every((c) => c.assistantId === 101)).toBe(true);
    expect(JSON.stringify(body)).not.toMatch(/cost/i);
    const cost = await get("AGENT", "q=merhaba&cost_min=0.1");
    expect([cost.status, Object.keys(cost.body.error?.fieldErrors ?? {})]).toEqual([400, ["cost_min"]]);
    const sort = await get("AGENT", "sort=cost_high");
    expect([sort.status, Object.keys(sort.body.error?.fieldErrors ?? {})]).toEqual([400, ["sort"]]);
  });

  it.each([
    ["too long", `q=${"a".repeat(201)}`, /too long/],
    ["only exclusions", "q=-iptal", /cannot only exclude/],
    ["one-letter words", "q=a+b", /at least 2 letters/],
    ["score range upside down", "score_min=8&score_max=2", null],
  ])("bad input (%s) is a 400 with the field's error", async (_name, q, message) => {
    const { status, body } = await get("SUPERVISOR", q);
    expect(status).toBe(400);
    const key = q.startsWith("q=") ? "q" : "score_max";
    expect(Object.keys(body.error?.fieldErrors ?? {})).toEqual([key]);
    if (message) expect(body.error!.fieldErrors![key].join(" ")).toMatch(message);
  });

  it("lists without index-only filters still come live from WhatTalk", async () => {
    const { status, body } = await get("SUPERVISOR", "status=completed");
    expect(status).toBe(200);
    expect(body.meta.source).toBe("live");
  });

  it("an index that is off is a clear 409, in the API and on the page", async () => {
    await db().team.update({ where: { id: t.team.id }, data: { indexRetentionDays: null } });
    try {
      const off = await get("SUPERVISOR", "q=merhaba");
      expect(off.status).toBe(409);
      expect(JSON.stringify(off.body)).toContain("Search needs the call index, which is off for this team");
      const page = await t.clients.SUPERVISOR.get(`/teams/${t.team.slug}/calls?q=merhaba`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("Search index is off");
    } finally {
      await db().team.update({ where: { id: t.team.id }, data: { indexRetentionDays: 90 } });
    }
  });

  it("the calls page renders search results for an agent, and refuses cost filters inline", async () => {
    const page = await t.clients.AGENT.get(`/teams/${t.team.slug}/calls?q=merhaba`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toMatch(/totalCost|carrierCost/);
    const costly = await (await t.clients.AGENT.get(`/teams/${t.team.slug}/calls?q=merhaba&cost_min=1`)).text();
    expect(costly).toContain("Your role cannot see costs, so it cannot filter by them.");
  });
});
