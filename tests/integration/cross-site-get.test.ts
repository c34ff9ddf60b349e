// GETs that spend the team's WhatTalk budget or write audit rows (the CSV export, analytics runs,
// `?fresh=1`, call lists, call detail and recordings) refuse a request a browser marks cross-site,
// or with another site's Origin, before anything is spent; same-origin requests and direct
// navigations work. Pages stay reachable from links; the analytics page then waits for a click.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { connectTeam, simControl, simRequests, teamWithRoles } from "./helpers";

type Team = Awaited<ReturnType<typeof teamWithRoles>>;
let t: Team;
let callId: number;

function istanbulDate(offsetDays = 0): string {
  const d = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Istanbul", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const [y, m, day] = d.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, day + offsetDays)).toISOString().slice(0, 10);
}

const range = () => new URLSearchParams({ date_from: istanbulDate(-3), date_to: istanbulDate(-2) }).toString();
const exportsAudited = () => db().auditEvent.count({ where: { teamId: t.team.id, action: "calls.exported" } });

const CROSS_SITE: Record<string, Record<string, string>> = {
  "Sec-Fetch-Site: cross-site": { "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" },
  "a foreign Origin": { origin: "https://evil.example" },
  "both": { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
};
const ALLOWED: Record<string, Record<string, string>> = {
  "Sec-Fetch-Site: same-origin": { "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors" },
  "Sec-Fetch-Site: none (typed or bookmarked)": { "sec-fetch-site": "none", "sec-fetch-mode": "navigate" },
};

/** Every GET route handler that can spend the team's budget (or audit), as a path. */
const spendingRoutes = () => ({
  export: `/api/teams/${t.team.id}/calls/export?${range()}`,
  analytics: `/api/teams/${t.team.id}/analytics?${range()}&fresh=1`,
  "calls ?fresh=1": `/api/teams/${t.team.id}/calls?fresh=1&status=completed`,
  calls: `/api/teams/${t.team.id}/calls?status=failed`,
  "call detail": `/api/teams/${t.team.id}/calls/${callId}`,
  recording: `/api/teams/${t.team.id}/calls/${callId}/recording`,
});

beforeAll(async () => {
  t = await teamWithRoles();
  await connectTeam(t.team.id, "wt_demo_alpha");
  const list = (await (await t.clients.SUPERVISOR.get(`/api/teams/${t.team.id}/calls?status=completed&per_page=5`)).json()) as { calls: { id: number; hasRecording: boolean }[] };
  callId = list.calls.find((c) => c.hasRecording)!.id;
});

beforeEach(async () => {
  await simControl("/reset", { method: "POST" });
});

describe("cross-site GETs are refused without spending anything", () => {
  for (const [how, headers] of Object.entries(CROSS_SITE)) {
    it(`with ${how}: 403 for every budget-spending route, no upstream request, no audit row`, async () => {
      for (const [name, path] of Object.entries(spendingRoutes())) {
        const res = await t.clients.SUPERVISOR.get(path, { headers });
        expect(res.status, name).toBe(403);
        expect(res.headers.get("cache-control"), name).toBe("no-store");
        const body = (await res.json()) as { error: { code: string; message: string } };
        expect(body.error.code, name).toBe("FORBIDDEN");
        expect(body.error.message, name).toBe("Cross-site requests are not allowed: use the portal itself, not a link or form on another site.");
      }
      expect(await simRequests()).toEqual([]);
      expect(await exportsAudited()).toBe(0);
    });
  }
});

describe("same-origin requests and direct navigations still work", () => {
  for (const [how, headers] of Object.entries(ALLOWED)) {
    it(`with ${how}`, async () => {
      const before = await exportsAudited();
      const routes = spendingRoutes();
      const csv = await t.clients.SUPERVISOR.get(routes.export, { headers });
      expect(csv.status).toBe(200);
      expect(await csv.text()).not.toContain("EXPORT INCOMPLETE");
      await expect.poll(exportsAudited).toBe(before + 1);
      const analytics = await t.clients.SUPERVISOR.get(routes.analytics, { headers });
      expect(analytics.status).toBe(200);
      expect((await analytics.text()).trim().split("\n").pop()).toMatch(/^\{"type":"result"/);
      const fresh = await t.clients.SUPERVISOR.get(routes["calls ?fresh=1"], { headers });
      expect(fresh.status).toBe(200);
      for (const name of ["calls", "call detail", "recording"] as const) {
        const res = await t.clients.SUPERVISOR.get(routes[name], { headers });
        expect(res.status, name).toBe(200);
        await res.arrayBuffer();
      }
      const asked = await simRequests();
      expect(asked.some((r) => r.path === "/api/user/calls" && r.query.status === "completed")).toBe(true); // ?fresh=1 reached WhatTalk
    });
  }
});

describe("pages opened from another site", () => {
  it("the calls page still opens from a link (one cached read, as the member's own visit)", async () => {
    const res = await t.clients.SUPERVISOR.get(`/teams/${t.team.slug}/calls`, { headers: CROSS_SITE["Sec-Fetch-Site: cross-site"] });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Calls, newest first: ");
  });

  it("the analytics page opens but waits for a click before running (from the portal itself it runs at once)", async () => {
    // A range nobody has run yet (a cached result would simply be shown).
    const path = `/teams/${t.team.slug}/analytics?${new URLSearchParams({ date_from: istanbulDate(-9), date_to: istanbulDate(-8) })}`;
    const cross = await t.clients.SUPERVISOR.get(path, { headers: CROSS_SITE["Sec-Fetch-Site: cross-site"] });
    expect(cross.status).toBe(200);
    const html = await cross.text();
    expect(html).toContain("Run these analytics?");
    expect(html).not.toContain("Reading calls from WhatTalk");
    const same = await t.clients.SUPERVISOR.get(path, { headers: ALLOWED["Sec-Fetch-Site: same-origin"] });
    const sameHtml = await same.text();
    expect(sameHtml).not.toContain("Run these analytics?");
    expect(sameHtml).toContain("Reading calls from WhatTalk");
    expect(await simRequests()).toEqual([]); // rendering a page never runs the analytics itself
  });
});
