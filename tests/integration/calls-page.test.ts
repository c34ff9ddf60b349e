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
});
