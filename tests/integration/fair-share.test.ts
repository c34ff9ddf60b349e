// Each member's fair share of the team's WhatTalk budget over HTTP (test stack: 100 requests a
// minute per team, so 50 per member), and the bounded fan-out of one portal request (an agent's
// merged list: at most WHATTALK_MAX_FANOUT = 20 upstream requests).
import { beforeEach, describe, expect, it } from "vitest";
import { assignAssistants, connectTeam, simControl, simRequests, teamWithRoles } from "./helpers";

function istanbulDate(offsetDays = 0): string {
  const d = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Istanbul", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const [y, m, day] = d.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, day + offsetDays)).toISOString().slice(0, 10);
}

type ErrorBody = { error: { code: string; message: string; retryAfterSeconds?: number; upstream?: string; reason?: string; limit?: number } };

beforeEach(async () => {
  await simControl("/reset", { method: "POST" });
});

describe("a member's share of the team budget", () => {
  it("stops one member's burst at half the team's budget, with 429, Retry-After and the reason; the others are served", async () => {
    const t = await teamWithRoles();
    await connectTeam(t.team.id, "wt_demo_alpha");
    const base = `/api/teams/${t.team.id}/calls`;
    // Ended calls only (lists with live calls are never cached): to the day before yesterday, since
    // just after midnight in Istanbul yesterday still ends with calls in progress.
    const list = (page: number) => `${base}?per_page=1&page=${page}&date_to=${istanbulDate(-2)}`;
    // 60 distinct (uncached) pages, 10 at a time.
    const statuses: number[] = [];
    let refused: { res: Response; body: ErrorBody } | null = null;
    for (let batch = 0; batch < 6; batch++) {
      const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => t.clients.SUPERVISOR.get(list(batch * 10 + i + 1))));
      for (const res of answers) {
        statuses.push(res.status);
        const body = (await res.json()) as ErrorBody;
        if (res.status === 429) refused ??= { res, body };
      }
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(50);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    expect((await simRequests()).filter((r) => r.path === "/api/user/calls")).toHaveLength(50);
    const { res, body } = refused!;
    expect(body.error.code).toBe("RATE_LIMITED");
    expect(body.error.upstream).toBe("member_share_exhausted");
    expect(body.error.message).toMatch(/^You have used your share of this team's WhatTalk requests for this minute\. Try again in \d+ seconds?\.$/);
    expect(Number(res.headers.get("retry-after"))).toBe(body.error.retryAfterSeconds);
    expect(body.error.retryAfterSeconds).toBeGreaterThan(0);

    // What the supervisor already read is still served (cache hits cost nothing)...
    expect((await t.clients.SUPERVISOR.get(list(1))).status).toBe(200);
    // ...and the other members get the other half of the budget.
    for (const [who, client] of [
      ["owner", t.clients.OWNER],
      ["admin", t.clients.ADMIN],
    ] as const) {
      const res = await client.get(list(who === "owner" ? 101 : 102));
      expect(res.status, who).toBe(200);
    }
    // The calls page tells the supervisor why.
    const page = await t.clients.SUPERVISOR.get(`/teams/${t.team.slug}/calls?per_page=1&page=500&date_to=${istanbulDate(-2)}`);
    expect(await page.text()).toContain("You have used your share of the team&#x27;s WhatTalk requests for this minute");
  });
});

describe("fan-out of one portal request", () => {
  it("refuses a merged page needing more than 20 upstream requests, after at most the first one per assistant", async () => {
    const t = await teamWithRoles();
    await connectTeam(t.team.id, "wt_demo_alpha");
    await assignAssistants(t.team.id, t.users.AGENT.id, [101, 102, 103]);
    await simControl("/requests", { method: "DELETE" });
    // Page 30 of 100: the first 3,000 of the three assistants' ~4,200 calls, some 34 chunks of 100.
    const res = await t.clients.AGENT.get(`/api/teams/${t.team.id}/calls?per_page=100&page=30`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error).toMatchObject({ code: "BAD_REQUEST", reason: "fanout_limit", limit: 20 });
    expect(body.error.message).toBe(
      "This page merges the calls of your 3 assistants and would take more than 20 requests to WhatTalk. Choose one assistant, narrow the date range, or go to an earlier page.",
    );
    expect(await simRequests()).toHaveLength(3);
    // An earlier page is served within the bound.
    await simControl("/requests", { method: "DELETE" });
    expect((await t.clients.AGENT.get(`/api/teams/${t.team.id}/calls?per_page=100&page=5`)).status).toBe(200);
    expect((await simRequests()).length).toBeLessThanOrEqual(20);
  });

  it("refuses an agent with more assistants than the bound before asking WhatTalk anything", async () => {
    const t = await teamWithRoles();
    await connectTeam(t.team.id, "wt_demo_alpha");
    await assignAssistants(t.team.id, t.users.AGENT.id, Array.from({ length: 21 }, (_, i) => 101 + i));
    await simControl("/requests", { method: "DELETE" });
    const res = await t.clients.AGENT.get(`/api/teams/${t.team.id}/calls`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.reason).toBe("fanout_limit");
    // One assistant at a time is fine.
    expect((await t.clients.AGENT.get(`/api/teams/${t.team.id}/calls?assistant_id=101`)).status).toBe(200);
    expect(await simRequests()).toHaveLength(1);
    const page = await t.clients.AGENT.get(`/teams/${t.team.slug}/calls`);
    expect(await page.text()).toContain("This list needs too many requests to WhatTalk");
  });
});
