// CSV export over HTTP against the production build and the simulator: every matching call once,
// newest first, escaping and formula neutralising checked against WhatTalk's own data, access
// rules, a fault midway reported in the file, and the audit row.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Client, connectTeam, createTeam, createUser, simAllCalls, simControl, simRequests, teamWithRoles } from "./helpers";
import { csvRecords, parseCsv } from "../support/parse-csv";

type SimCall = Record<string, unknown> & { id: number; created_at: string | null };

const ALL_COLUMNS = "time,updatedAt,type,status,assistant,campaign,customerPhone,assistantPhone,duration,answeredBy,sentiment,outcome,score,evaluation,cost,recording,variables,transcript,webhook";
const BOM = "\uFEFF";
/** What a spreadsheet-safe cell must look like (written here by hand, not imported from the code under test). */
const safe = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
/** Objects as JSON with their keys sorted (the export's fixed order, whatever the source). */
const sorted = (_: string, v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])) : v);
const cell = (v: unknown) => (v === null || v === undefined ? "" : typeof v === "string" ? safe(v) : typeof v === "object" ? JSON.stringify(v, sorted) : String(v));

function istanbulDate(offsetDays = 0): string {
  const d = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Istanbul", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const [y, m, day] = d.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, day + offsetDays)).toISOString().slice(0, 10);
}

async function readCsv(res: Response): Promise<{ text: string; rows: string[][] }> {
  // Bytes, not res.text(): a UTF-8 decoder drops the BOM.
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  expect(text.startsWith(BOM)).toBe(true);
  return { text, rows: parseCsv(text.slice(1)) };
}

async function auditRows(teamId: string) {
  // The audit row is written when the stream ends: give it a moment.
  for (let i = 0; i < 40; i++) {
    const rows = await db().auditEvent.findMany({ where: { teamId, action: "calls.exported" }, orderBy: { createdAt: "asc" } });
    if (rows.length) return rows;
    await new Promise((r) => setTimeout(r, 100));
  }
  return [];
}

beforeEach(async () => {
  await simControl("/reset", { method: "POST" });
});
afterEach(async () => {
  await simControl("/reset", { method: "POST" });
});

describe("GET /api/teams/{teamId}/calls/export", () => {
  it("exports every call (6,000+) exactly once, newest first, each value escaped and neutralised, BOM first, and audits it", async () => {
    const t = await teamWithRoles();
    await connectTeam(t.team.id, "wt_demo_alpha");
    const before = (await simAllCalls("wt_demo_alpha")) as unknown as SimCall[];

    const res = await t.clients.SUPERVISOR.get(`/api/teams/${t.team.id}/calls/export?columns=${ALL_COLUMNS}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("cache-control")).toContain("no-store");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${t.team.slug}_calls_earliest_${istanbulDate()}.csv"`);
    expect(Number(res.headers.get("x-export-total"))).toBeGreaterThanOrEqual(before.length);
    const { rows } = await readCsv(res);
    const after = (await simAllCalls("wt_demo_alpha")) as unknown as SimCall[];

    const [header] = rows;
    expect(header.slice(0, 4)).toEqual(["id", "created_at", "created_at_utc", "updated_at"]);
    expect(header).toEqual(expect.arrayContaining(["variables", "variables.customer_name", "variables.notes", "evaluation.summary", "transcript", "total_cost", "webhook_response"]));
    const records = csvRecords(rows);
    expect(records.length).toBeGreaterThanOrEqual(5000);
    expect(rows.every((r) => r.length === header.length)).toBe(true);

    // Exactly once, newest first: the export is the simulator's list (calls that arrived during
    // the export at the top may or may not be in it), nothing missing, nothing twice.
    const ids = records.map((r) => Number(r.id));
    expect(new Set(ids).size).toBe(ids.length);
    const exported = new Set(ids);
    expect(ids).toEqual(after.map((c) => c.id).filter((id) => exported.has(id)));
    for (const c of before) expect(exported.has(c.id)).toBe(true);

    // Every value as WhatTalk sent it (nested objects as JSON, text neutralised).
    const byId = new Map(after.map((c) => [c.id, c]));
    const checked = { newline: 0, comma: 0, quote: 0, turkish: 0, formula: 0, phone: 0 };
    for (const r of records) {
      const c = byId.get(Number(r.id))!;
      const vars = c.variables as Record<string, unknown> | null;
      const ev = (c.evaluation ?? {}) as Record<string, unknown>;
      expect(r.created_at).toBe(c.created_at ?? "");
      expect(r.status).toBe(cell(c.status));
      expect(r.assistant_name).toBe(cell(c.assistant_name));
      expect(r.campaign_name).toBe(cell(c.campaign_name));
      expect(r.client_phone_number).toBe(cell(c.client_phone_number));
      expect(r.duration).toBe(cell(c.duration));
      expect(r["evaluation.sentiment"]).toBe(cell(ev.sentiment));
      expect(r["evaluation.score"]).toBe(cell(ev.score));
      expect(r.transcript).toBe(cell(c.transcript));
      expect(r.variables === "" ? null : JSON.parse(r.variables)).toEqual(vars);
      for (const [k, v] of Object.entries(vars ?? {})) {
        if (!(`variables.${k}` in r)) continue;
        expect(r[`variables.${k}`]).toBe(cell(v));
        if (typeof v === "string") {
          if (/[\r\n]/.test(v)) checked.newline++;
          if (v.includes(",")) checked.comma++;
          if (v.includes('"')) checked.quote++;
          if (/[ğüşıöçİĞÜŞÖÇ]/.test(v)) checked.turkish++;
          if (/^[=+\-@]/.test(v)) checked.formula++;
        }
      }
      if (typeof c.client_phone_number === "string" && c.client_phone_number.startsWith("+")) {
        expect(r.client_phone_number).toBe(`'${c.client_phone_number}`);
        checked.phone++;
      }
    }
    for (const [what, n] of Object.entries(checked)) expect(n, `calls with ${what} in their variables`).toBeGreaterThan(0);
    const hyperlink = records.find((r) => r["variables.notes"]?.includes("HYPERLINK"));
    expect(hyperlink?.["variables.notes"].startsWith("'=HYPERLINK(")).toBe(true);

    const [audit] = await auditRows(t.team.id);
    expect(audit.actorId).toBe(t.users.SUPERVISOR.id);
    expect(audit.data).toMatchObject({ rows: records.length, complete: true, filters: {}, columns: ALL_COLUMNS.split(",") });
  });

  it("exports the current filters with the table's columns, in the table's ids", async () => {
    const t = await teamWithRoles();
    await connectTeam(t.team.id, "wt_demo_alpha");
    const from = istanbulDate(-30);
    const to = istanbulDate(-1);
    const query = { status: "completed", assistant_id: "101", date_from: from, date_to: to };
    const expected = (await simAllCalls("wt_demo_alpha", query)) as unknown as SimCall[];
    expect(expected.length).toBeGreaterThan(100);

    const res = await t.clients.ADMIN.get(`/api/teams/${t.team.id}/calls/export?${new URLSearchParams({ ...query, page: "3", per_page: "10", columns: "time,status,cost,score" })}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${t.team.slug}_calls_${from}_${to}.csv"`);
    const { rows } = await readCsv(res);
    expect(rows[0]).toEqual(["id", "created_at", "created_at_utc", "status", "evaluation.score", "carrier_cost", "total_cost"]);
    const records = csvRecords(rows);
    expect(records.map((r) => Number(r.id))).toEqual(expected.map((c) => c.id));
    expect(records.every((r) => r.status === "completed")).toBe(true);
  });

  it("ends the file with a clear error line when WhatTalk fails midway, and audits it as incomplete", async () => {
    const t = await teamWithRoles();
    await connectTeam(t.team.id, "wt_demo_alpha");
    await simControl("/faults", { method: "PATCH", json: { latencyMs: 40 } });
    const res = await t.clients.SUPERVISOR.get(`/api/teams/${t.team.id}/calls/export`);
    expect(res.status).toBe(200);
    const total = Number(res.headers.get("x-export-total"));
    // The status line is sent: WhatTalk now fails every request.
    await simControl("/faults", { method: "PATCH", json: { errorRate: 1, errorStatuses: [500] } });
    const { rows } = await readCsv(res);
    const last = rows[rows.length - 1];
    expect(last).toHaveLength(1);
    expect(last[0]).toMatch(/^# EXPORT INCOMPLETE: stopped after [\d,]+ of [\d,]+ calls — WhatTalk answered with an error \(HTTP 500\)/);
    const data = rows.slice(1, -1);
    expect(data.length).toBeGreaterThanOrEqual(100);
    expect(data.length).toBeLessThan(total);
    expect(last[0]).toContain(`stopped after ${data.length.toLocaleString("en-GB")} of ${total.toLocaleString("en-GB")} calls`);
    expect(new Set(data.map((r) => r[0])).size).toBe(data.length);

    const [audit] = await auditRows(t.team.id);
    expect(audit.data).toMatchObject({ rows: data.length, total, complete: false });
    expect((audit.data as { error: string }).error).toContain("HTTP 500");
  });

  it("answers a failure before the first row with an HTTP error, not a CSV", async () => {
    const t = await teamWithRoles();
    await connectTeam(t.team.id, "wt_demo_alpha");
    await simControl("/faults", { method: "PATCH", json: { failNext: { count: 5, status: 503 } } });
    const res = await t.clients.SUPERVISOR.get(`/api/teams/${t.team.id}/calls/export`);
    expect(res.status).toBe(502);
    expect((await res.json()).error.message).toMatch(/WhatTalk answered with an error/);
  });

  it("validates filters and columns before asking WhatTalk", async () => {
    const t = await teamWithRoles();
    await connectTeam(t.team.id, "wt_demo_alpha");
    await simControl("/requests", { method: "DELETE" });
    const bad = await t.clients.SUPERVISOR.get(`/api/teams/${t.team.id}/calls/export?columns=time,recording_url`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fieldErrors).toEqual({ columns: ["Unknown column: recording_url."] });
    const badFilter = await t.clients.SUPERVISOR.get(`/api/teams/${t.team.id}/calls/export?status=done`);
    expect(badFilter.status).toBe(400);
    expect(Object.keys((await badFilter.json()).error.fieldErrors)).toEqual(["status"]);
    expect(await simRequests()).toEqual([]);
  });

  it("is 401 without a session, 403 for agents, 404 for another team, 409 without a key", async () => {
    const t = await teamWithRoles();
    await connectTeam(t.team.id, "wt_demo_alpha");
    const url = `/api/teams/${t.team.id}/calls/export`;
    expect((await new Client().get(url)).status).toBe(401);
    expect((await t.clients.AGENT.get(url)).status).toBe(403);
    const stranger = await createUser();
    await createTeam({ members: [{ userId: stranger.id, role: "OWNER" }] });
    expect((await (await new Client().signIn(stranger.email)).get(url)).status).toBe(404);
    const progress = await t.clients.AGENT.get(`/api/teams/${t.team.id}/calls/export/progress?id=00000000-0000-0000-0000-000000000000`);
    expect(progress.status).toBe(403);

    const unconnected = await teamWithRoles();
    const res = await unconnected.clients.SUPERVISOR.get(`/api/teams/${unconnected.team.id}/calls/export`);
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe("NO_CREDENTIAL");
    expect(await db().auditEvent.count({ where: { teamId: unconnected.team.id, action: "calls.exported" } })).toBe(0);
  });
});
