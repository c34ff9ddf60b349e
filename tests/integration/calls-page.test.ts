import { beforeAll, describe, expect, it } from "vitest";
import { assignAssistants, connectTeam, teamWithRoles } from "./helpers";

let t: Awaited<ReturnType<typeof teamWithRoles>>;

beforeAll(async () => {
  t = await teamWithRoles();
  await connectTeam(t.team.id);
  await assignAssistants(t.team.id, t.users.AGENT.id, [101]);
});

describe("the calls page", () => {
  it("offers the CSV export to supervisors and not to agents, whose page has no costs", async () => {
    const sup = await t.clients.SUPERVISOR.get(`/teams/${t.team.slug}/calls?status=completed`);
    expect(sup.status).toBe(200);
    const supHtml = await sup.text();
    expect(supHtml).toContain("Export CSV");
    expect(supHtml).toContain("Cost");

    const agent = await t.clients.AGENT.get(`/teams/${t.team.slug}/calls?status=completed`);
    expect(agent.status).toBe(200);
    const agentHtml = await agent.text();
    expect(agentHtml).not.toContain("Export CSV");
    expect(agentHtml).not.toMatch(/totalCost|carrierCost|"cost"/);
  });

  it("offers saved views on the analytics page, relative ranges kept relative", async () => {
    const created = await t.clients.SUPERVISOR.post(`/api/teams/${t.team.id}/views`, {
      name: "Failed, last 30 days",
      visibility: "TEAM",
      filters: { status: "failed", date_preset: "last30" },
      columns: ["time", "status"],
    });
    expect(created.status).toBe(201);
    const html = await (await t.clients.SUPERVISOR.get(`/teams/${t.team.slug}/analytics`)).text();
    expect(html).toContain("Failed, last 30 days");
    expect(html).toContain(`/teams/${t.team.slug}/analytics?status=failed&amp;date_preset=last30`);
    const applied = await (await t.clients.SUPERVISOR.get(`/teams/${t.team.slug}/analytics?status=failed&date_preset=last30`)).text();
    expect(applied).toMatch(/<a[^>]*aria-current="true"[^>]*>Failed, last 30 days</);
    expect(html).not.toMatch(/<a[^>]*aria-current="true"[^>]*>Failed, last 30 days</);
  });
});
