// No cost data for roles without `calls:costs` (agents): not in the list, not in the detail, not
// in the pages' HTML (RSC payload included), not even as a copy of WhatTalk's cost fields inside
// the call's free-form objects (a webhook that echoes the call). Agents have no export or
// analytics to answer with costs. Supervisors get all of it unchanged (lib/calls/dto.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { formatCost } from "@/lib/calls/format";
import { assignAssistants, connectTeam, simControl, simFetch, simUrl, teamWithRoles } from "./helpers";

type Call = Record<string, unknown> & { id: number; total_cost: number | null; carrier_cost: number | null };

const KEY = "wt_demo_alpha";
const COST_KEY = /^(carrier|total)[-_]?cost$/i;
const COST_TEXT = /carrier[-_ ]?cost|total[-_ ]?cost/i;

let t: Awaited<ReturnType<typeof teamWithRoles>>;
let completed: Call[];
let echoed: Call;
const api = () => `/api/teams/${t.team.id}/calls`;

/** Paths of cost-named keys anywhere in a JSON value. */
function costKeys(value: unknown, path = "$"): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => costKeys(v, `${path}[${i}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => [...(COST_KEY.test(k) ? [`${path}.${k}`] : []), ...costKeys(v, `${path}.${k}`)]);
  return [];
}

/** A call's cost figures as the portal would print them (only distinctive ones: 3+ decimals). */
function figures(calls: Call[]): string[] {
  return calls.flatMap((c) => [c.total_cost, c.carrier_cost]).filter((v): v is number => typeof v === "number").map(formatCost).filter((s) => /\.\d{3,}$/.test(s));
}

const webhookEcho = (call: Call) => ({
  status: "success",
  data: {
    crm_contact_id: "C-1",
    price_quoted: 1999,
    call: { id: call.id, total_cost: call.total_cost, carrier_cost: call.carrier_cost, Total_Cost: "0.5", "carrier-cost": 1, currency: "USD" },
    history: [{ totalCost: 0.25 }, { carrierCost: 0.125, note: "kept" }],
  },
});

beforeAll(async () => {
  t = await teamWithRoles();
  await connectTeam(t.team.id, KEY);
  await assignAssistants(t.team.id, t.users.AGENT.id, [101, 102]);
  await simControl("/reset", { method: "POST" });
  const res = await simFetch(`${simUrl()}/api/user/calls?assistant_id=101&status=completed&per_page=50`, { headers: { Authorization: `Bearer ${KEY}` } });
  completed = ((await res.json()) as { data: Call[] }).data;
  expect(figures(completed).length).toBeGreaterThan(10);
  // One call whose free-form objects carry copies of WhatTalk's cost fields.
  echoed = completed.find((c) => figures([c]).length === 2)!;
  await simControl(`/calls/${echoed.id}`, { method: "PATCH", json: { webhook_response: webhookEcho(echoed), variables: { customer_name: "Ayşe", TotalCost: 3 }, evaluation: { sentiment: "positive", outcome: "sale", score: 9, carrier_cost: 0.01 } } });
});

describe("an agent's answers carry no costs", () => {
  it("the list (one assistant, and merged) has no cost keys at any depth", async () => {
    for (const path of [`${api()}?assistant_id=101&status=completed&per_page=50`, `${api()}?per_page=100`]) {
      const res = await t.clients.AGENT.get(path);
      expect(res.status, path).toBe(200);
      const text = await res.text();
      expect(costKeys(JSON.parse(text)), path).toEqual([]);
      expect(text, path).not.toMatch(COST_TEXT);
    }
    // The same list for a supervisor does carry them (so the check above can fail).
    const sup = await (await t.clients.SUPERVISOR.get(`${api()}?assistant_id=101&status=completed&per_page=50`)).json();
    expect(costKeys(sup).length).toBeGreaterThan(0);
  });

  it("the detail has no cost keys at any depth, and keeps the rest of the customer's data", async () => {
    const res = await t.clients.AGENT.get(`${api()}/${echoed.id}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text);
    expect(costKeys(body)).toEqual([]);
    expect(text).not.toMatch(COST_TEXT);
    expect(body.webhookResponse).toEqual({
      status: "success",
      data: { crm_contact_id: "C-1", price_quoted: 1999, call: { id: echoed.id, currency: "USD" }, history: [{}, { note: "kept" }] },
    });
    expect(body.variables).toEqual({ customer_name: "Ayşe" });
    expect(body.evaluation).toMatchObject({ sentiment: "positive", outcome: "sale", score: 9 });
    for (const c of completed.slice(1, 6)) {
      const other = await t.clients.AGENT.get(`${api()}/${c.id}`);
      expect(other.status).toBe(200);
      expect(costKeys(await other.json())).toEqual([]);
    }
  });

  it("supervisors get the costs and the customer's objects unchanged", async () => {
    const body = await (await t.clients.SUPERVISOR.get(`${api()}/${echoed.id}`)).json();
    expect(body.totalCost).toBe(echoed.total_cost);
    expect(body.carrierCost).toBe(echoed.carrier_cost);
    expect(body.webhookResponse).toEqual(webhookEcho(echoed));
    expect(body.variables).toEqual({ customer_name: "Ayşe", TotalCost: 3 });
    expect(body.evaluation.carrier_cost).toBe(0.01);
  });

  it("agents have no export and no analytics to carry costs", async () => {
    expect((await t.clients.AGENT.get(`${api()}/export?status=completed`)).status).toBe(403);
    expect((await t.clients.AGENT.get(`/api/teams/${t.team.id}/analytics`)).status).toBe(403);
  });
});

describe("an agent's pages show no costs", () => {
  it("the calls page: no cost column, figures or keys in the HTML (RSC payload included)", async () => {
    const page = `/teams/${t.team.slug}/calls?view=none&assistant_id=101&status=completed&per_page=50`;
    const html = await (await t.clients.AGENT.get(page)).text();
    expect(html).toContain(`data-call-id="${completed[0].id}"`);
    expect(html).not.toMatch(COST_TEXT);
    expect(html).not.toMatch(/data-column="cost"|>Cost</);
    for (const f of figures(completed)) expect(html, f).not.toContain(f);
    // The supervisor's page shows them: the same checks fail there.
    const sup = await (await t.clients.SUPERVISOR.get(page)).text();
    expect(sup).toMatch(/data-column="cost"/);
    expect(figures(completed).some((f) => sup.includes(f))).toBe(true);
  });

  it("the call page: no cost facts, figures or keys in the HTML", async () => {
    const page = `/teams/${t.team.slug}/calls/${echoed.id}`;
    const res = await t.clients.AGENT.get(page);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("crm_contact_id");
    expect(html).not.toMatch(COST_TEXT);
    for (const f of figures([echoed])) expect(html, f).not.toContain(f);
    const sup = await (await t.clients.SUPERVISOR.get(page)).text();
    expect(sup).toMatch(/Total cost/);
    for (const f of figures([echoed])) expect(sup, f).toContain(f);
  });
});
