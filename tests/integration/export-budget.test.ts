// The team's WhatTalk request budget (100 a minute in the test stack) against long reads: the
// export and the analytics wait for it (and say so) instead of failing; an export that cannot get
// its first page soon answers 429 with the time to wait. Slow by nature (one budget window, ~60 s).
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { connectTeam, simAllCalls, simControl, teamWithRoles } from "./helpers";
import { csvRecords, parseCsv } from "../support/parse-csv";

function istanbulDate(offsetDays = 0): string {
  const d = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Istanbul", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const [y, m, day] = d.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, day + offsetDays)).toISOString().slice(0, 10);
}

type Getter = { get(path: string): Promise<Response> };

/**
 * Spends the team's budget with distinct (uncached) one-call list requests, taking turns between
 * members (each may use only half of the team's budget a minute).
 */
async function spendBudget(clients: Getter[], teamId: string, requests: number) {
  for (let p = 1; p <= requests; p++) {
    const res = await clients[p % clients.length].get(`/api/teams/${teamId}/calls?per_page=1&page=${p}&date_to=${istanbulDate(-2)}`);
    expect(res.status, `list request ${p}`).toBe(200);
    await res.arrayBuffer();
  }
}

beforeEach(async () => {
  await simControl("/reset", { method: "POST" });
});

describe("the team's request budget", () => {
  it("answers 429 with the wait when an export cannot even start", async () => {
    const t = await teamWithRoles();
    await connectTeam(t.team.id, "wt_demo_alpha");
    await spendBudget([t.clients.OWNER, t.clients.ADMIN], t.team.id, 100);
    const res = await t.clients.SUPERVISOR.get(`/api/teams/${t.team.id}/calls/export`);
    expect(res.status).toBe(429);
    const body = await res.json();
    expect(body.error.message).toMatch(/request budget for now\. Try again in \d+ seconds?/);
    expect(body.error.retryAfterSeconds).toBeGreaterThan(10);
    expect(res.headers.get("retry-after")).toBe(String(body.error.retryAfterSeconds));
  });

  it("makes a long export and analytics wait for the budget (reported as progress) and finish complete", async () => {
    const t = await teamWithRoles();
    await connectTeam(t.team.id, "wt_demo_alpha");
    const exportQuery = { date_from: istanbulDate(-9), date_to: istanbulDate(-1) };
    const analyticsQuery = { date_from: istanbulDate(-20), date_to: istanbulDate(-10) };
    const exportCalls = await simAllCalls("wt_demo_alpha", exportQuery);
    const analyticsCalls = await simAllCalls("wt_demo_alpha", analyticsQuery);
    expect(exportCalls.length).toBeGreaterThan(400);
    expect(analyticsCalls.length).toBeGreaterThan(400);

    await spendBudget([t.clients.OWNER, t.clients.ADMIN], t.team.id, 97);

    const started = Date.now();
    const res = await t.clients.SUPERVISOR.get(`/api/teams/${t.team.id}/calls/export?${new URLSearchParams(exportQuery)}`);
    expect(res.status).toBe(200);
    // The answer starts at once (the BOM), even though later pages must wait for the budget.
    expect(Date.now() - started).toBeLessThan(5000);
    const exportId = res.headers.get("x-export-id")!;
    const body = res.text();
    const analyticsBody = t.clients.SUPERVISOR.get(`/api/teams/${t.team.id}/analytics?${new URLSearchParams(analyticsQuery)}`).then((r) => r.text());

    let sawWaiting = false;
    let finished = false;
    void body.finally(() => (finished = true));
    while (!finished) {
      const p = await t.clients.SUPERVISOR.get(`/api/teams/${t.team.id}/calls/export/progress?id=${exportId}`);
      expect(p.status).toBe(200);
      const progress = (await p.json()) as { state: string; resumesAt: string | null; total: number };
      expect(progress.total).toBe(exportCalls.length);
      if (progress.state === "waiting") {
        sawWaiting = true;
        expect(Date.parse(progress.resumesAt!)).toBeGreaterThan(Date.now() - 1000);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(sawWaiting).toBe(true);

    const records = csvRecords(parseCsv(await body)); // res.text() has dropped the BOM
    expect(records.map((r) => Number(r.id))).toEqual(exportCalls.map((c) => c.id));
    const lines = (await analyticsBody)
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { type: string; resumesAt?: string | null; result?: { data: { totalCalls: number } } });
    expect(lines.some((l) => l.type === "progress" && l.resumesAt)).toBe(true);
    expect(lines[lines.length - 1].type).toBe("result");
    expect(lines[lines.length - 1].result!.data.totalCalls).toBe(analyticsCalls.length);

    const done = await t.clients.SUPERVISOR.get(`/api/teams/${t.team.id}/calls/export/progress?id=${exportId}`);
    expect(await done.json()).toMatchObject({ state: "done", rows: exportCalls.length });
    const audit = await db().auditEvent.findFirst({ where: { teamId: t.team.id, action: "calls.exported" } });
    expect(audit?.data).toMatchObject({ rows: exportCalls.length, complete: true, filters: exportQuery });
  }, 150_000);
});
