// The search index's admin commands, run the way an operator does (`npm run portal -- index:…`):
// status of one team or all, rebuild, purge (this team only; --off also turns the index off).
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedIndexedCalls, seedIndexState } from "../support/indexed-calls";
import { team } from "./accounts-fixtures";

const ROOT = path.resolve(__dirname, "../..");

function portal(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "tools/cli/portal.ts", ...args], { cwd: ROOT, env: process.env });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out, err }));
    child.stdin.end("");
  });
}

describe("index commands", { timeout: 180_000 }, () => {
  it("index:status shows every team as a table, or one team in detail; a bad slug fails", async () => {
    const a = (await team(["OWNER"])).team;
    const b = (await team(["OWNER"])).team;
    await seedIndexedCalls(a.id, [1, 2, 3]);
    await seedIndexState(a.id, { backfillDateTo: "2026-12-07", backfillTotal: 6, lastError: "WhatTalk timed out after 10 s.", lastErrorAt: new Date(), failures: 2 });
    await db().team.update({ where: { id: b.id }, data: { indexRetentionDays: null } });

    const all = await portal(["index:status"]);
    expect(all.code).toBe(0);
    const lines = all.out.trim().split("\n");
    expect(lines[0]).toMatch(/^TEAM\s+STATE\s+CALLS\s+OLDEST\s+NEWEST\s+LAST SYNC\s+BUDGET\s+RETENTION$/);
    expect(lines.find((l) => l.startsWith(`${a.slug} `))).toMatch(new RegExp(`^${a.slug}\\s+Failing\\s+3\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC.*\\s0/50\\s+90 days$`));
    expect(lines.find((l) => l.startsWith(`${b.slug} `))).toMatch(/\sOff\s+0\s+-\s+-\s+-\s+0\/50\s+off$/);

    const one = await portal(["index:status", "--team", a.slug]);
    expect(one.code).toBe(0);
    expect(one.out).toContain("State:         Failing");
    expect(one.out).toMatch(/Last error:    WhatTalk timed out after 10 s\. \(.* UTC, 2 in a row\)/);
    expect(one.out).toContain("Calls indexed: 3");
    expect(one.out).toContain("Retention:     90 days");

    const missing = await portal(["index:status", "--team", "no-such-team"]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('No team with slug "no-such-team".');
  });

  it("index:rebuild flags the team; index:purge deletes its index only, and with --off turns it off; both audited as the operator", async () => {
    const a = (await team(["OWNER"])).team;
    const b = (await team(["OWNER"])).team;
    await seedIndexedCalls(a.id, [1, 2]);
    await seedIndexedCalls(b.id, [1]);
    await seedIndexState(a.id, { backfillDoneAt: new Date() });

    expect((await portal(["index:rebuild"])).code).toBe(2); // --team is required
    const rebuild = await portal(["index:rebuild", "--team", a.slug]);
    expect(rebuild.code).toBe(0);
    expect(rebuild.out).toMatch(/requested at .* UTC: the next sync run deletes the indexed calls and starts the backfill again\./);
    expect((await db().callIndexState.findUniqueOrThrow({ where: { teamId: a.id } })).rebuildRequestedAt).not.toBeNull();

    const purge = await portal(["index:purge", "--team", a.slug]);
    expect(purge.code).toBe(0);
    expect(purge.out).toContain(`Deleted 2 indexed calls and the sync state of ${a.slug}. The index is still on (90 days)`);
    expect(await db().indexedCall.count({ where: { teamId: a.id } })).toBe(0);
    expect(await db().callIndexState.count({ where: { teamId: a.id } })).toBe(0);
    expect(await db().indexedCall.count({ where: { teamId: b.id } })).toBe(1);

    const off = await portal(["index:purge", "--team", b.slug, "--off"]);
    expect(off.code).toBe(0);
    expect(off.out).toContain(`Deleted 1 indexed call and the sync state of ${b.slug}. The index is off`);
    expect((await db().team.findUniqueOrThrow({ where: { id: b.id } })).indexRetentionDays).toBeNull();
    expect((await db().team.findUniqueOrThrow({ where: { id: a.id } })).indexRetentionDays).toBe(90);

    const audit = await db().auditEvent.findMany({ where: { teamId: { in: [a.id, b.id] }, action: { startsWith: "index." } }, orderBy: { createdAt: "asc" }, select: { teamId: true, action: true, actorLabel: true } });
    expect(audit).toEqual([
      { teamId: a.id, action: "index.rebuild_requested", actorLabel: "operator:cli" },
      { teamId: a.id, action: "index.purged", actorLabel: "operator:cli" },
      { teamId: b.id, action: "index.purged", actorLabel: "operator:cli" },
    ]);
  });
});
