// A deleted team's audit log outlives it, detached and still attributable, until AUDIT_RETENTION_DAYS
// after the deletion; existing teams' logs are never purged.
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { setAssignments } from "@/lib/assignments/set-assignments";
import { purgeDetachedAuditEvents, scheduleAuditPurge } from "@/lib/audit/purge";
import { deleteTeam } from "@/lib/teams/delete-team";
import { updateTeamSettings } from "@/lib/teams/update-team-settings";
import { listMigrations } from "@/tools/db/migrate";
import { team } from "./accounts-fixtures";

const DAY_MS = 24 * 60 * 60 * 1000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY_MS);

/** A team with a few audited actions, deleted by its owner. */
async function deletedTeam() {
  const t = await team(["OWNER", "ADMIN", "AGENT"]);
  await setAssignments({ actor: t.by("ADMIN").actor, membershipId: t.by("AGENT").membershipId, assignments: [{ assistantId: 7, label: "Sales" }] });
  await deleteTeam({ actor: t.by("OWNER").actor, confirmSlug: t.team.slug });
  return t;
}

const rowsOf = (teamId: string) => db().auditEvent.findMany({ where: { teamRefId: teamId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

afterEach(() => {
  delete process.env.AUDIT_RETENTION_DAYS;
  resetEnvCache();
});

describe("a deleted team's audit log", () => {
  it("is kept, detached from the team, with the team's id, slug and name; the deletion is its last row", async () => {
    const other = await team(["OWNER", "ADMIN"]);
    await updateTeamSettings({ actor: other.by("ADMIN").actor, changes: { timeZone: "UTC" } });
    const otherBefore = await db().auditEvent.findMany({ where: { teamId: other.team.id }, orderBy: { id: "asc" } });

    const t = await team(["OWNER", "ADMIN", "AGENT"]);
    await setAssignments({ actor: t.by("ADMIN").actor, membershipId: t.by("AGENT").membershipId, assignments: [{ assistantId: 7, label: "Sales" }] });
    const before = await db().auditEvent.findMany({ where: { teamId: t.team.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(before.map((r) => r.action)).toEqual(["team.created", "member.joined", "member.joined", "assignments.changed"]);

    await deleteTeam({ actor: t.by("OWNER").actor, confirmSlug: t.team.slug });
    expect(await db().team.findUnique({ where: { id: t.team.id } })).toBeNull();

    const after = await rowsOf(t.team.id);
    expect(after.map((r) => r.action)).toEqual([...before.map((r) => r.action), "team.deleted"]);
    for (const r of after) {
      expect(r).toMatchObject({ teamId: null, teamRefId: t.team.id, teamSlug: t.team.slug, teamName: t.team.name });
      expect(r.detachedAt).toBeInstanceOf(Date);
    }
    // The rows themselves are unchanged: who did what to whom, and the details.
    expect(after.slice(0, -1).map((r) => [r.id, r.actorLabel, r.targetLabel, r.data])).toEqual(before.map((r) => [r.id, r.actorLabel, r.targetLabel, r.data]));
    expect(after.at(-1)).toMatchObject({ action: "team.deleted", actorId: t.by("OWNER").userId, actorLabel: t.by("OWNER").email, targetId: t.team.id, targetLabel: t.team.name, data: { slug: t.team.slug, members: 3 } });

    expect(await db().auditEvent.findMany({ where: { teamId: other.team.id }, orderBy: { id: "asc" } })).toEqual(otherBefore);
    expect(otherBefore.every((r) => r.detachedAt === null && r.teamName === other.team.name)).toBe(true);
  });

  it("is purged AUDIT_RETENTION_DAYS after the deletion; newer deletions and existing teams' logs stay", async () => {
    const old = await deletedTeam();
    const recent = await deletedTeam();
    const live = await team(["OWNER", "ADMIN"]);
    // Deleted 366 and 364 days ago; the live team's log is 800 days old.
    await db().auditEvent.updateMany({ where: { teamRefId: old.team.id }, data: { detachedAt: daysAgo(366) } });
    await db().auditEvent.updateMany({ where: { teamRefId: recent.team.id }, data: { detachedAt: daysAgo(364) } });
    await db().auditEvent.updateMany({ where: { teamId: live.team.id }, data: { createdAt: daysAgo(800) } });
    const counts = async () => ({ old: (await rowsOf(old.team.id)).length, recent: (await rowsOf(recent.team.id)).length, live: (await rowsOf(live.team.id)).length });
    expect(await counts()).toEqual({ old: 5, recent: 5, live: 2 });

    expect(await purgeDetachedAuditEvents({ dryRun: true })).toMatchObject({ purged: 5, retentionDays: 365 });
    expect(await counts()).toEqual({ old: 5, recent: 5, live: 2 });
    expect(await purgeDetachedAuditEvents()).toMatchObject({ purged: 5, retentionDays: 365 });
    expect(await counts()).toEqual({ old: 0, recent: 5, live: 2 });
    expect((await purgeDetachedAuditEvents()).purged).toBe(0);

    process.env.AUDIT_RETENTION_DAYS = "30";
    resetEnvCache();
    expect(await purgeDetachedAuditEvents()).toMatchObject({ purged: 5, retentionDays: 30 });
    expect(await counts()).toEqual({ old: 0, recent: 0, live: 2 });
  });

  it("is purged by each instance at start-up and then periodically", async () => {
    const gone = await deletedTeam();
    await db().auditEvent.updateMany({ where: { teamRefId: gone.team.id }, data: { detachedAt: daysAgo(400) } });
    const lines: { purged: number }[] = [];
    const warnings: unknown[] = [];
    const stop = scheduleAuditPurge({ info: (o) => lines.push(o as { purged: number }), warn: (o) => warnings.push(o) }, 300);
    try {
      await expect.poll(() => lines.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    } finally {
      stop();
    }
    expect(warnings).toEqual([]);
    expect(lines[0]).toMatchObject({ module: "audit", purged: 5, retentionDays: 365 });
    expect(lines[1]).toMatchObject({ purged: 0 });
    expect(await rowsOf(gone.team.id)).toEqual([]);
  });
});

describe("the migration that keeps audit rows", () => {
  it("fills in the team of existing rows, and detaches the deletions recorded before it", async () => {
    const migrations = listMigrations();
    const at = migrations.findIndex((m) => m.name.endsWith("_audit_outlives_team"));
    expect(at).toBeGreaterThan(0);
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      // The schema as it was before, in a schema of its own, with a team and a deleted team's row.
      await client.query("CREATE SCHEMA before_audit_migration; SET search_path TO before_audit_migration");
      for (const m of migrations.slice(0, at)) await client.query(m.sql);
      await client.query(`INSERT INTO "Team" (id, name, slug, "updatedAt") VALUES ('t1', 'Live Team', 'live', now())`);
      await client.query(`INSERT INTO "AuditEvent" (id, "teamId", action) VALUES ('a1', 't1', 'team.created')`);
      await client.query(
        `INSERT INTO "AuditEvent" (id, "teamId", action, "targetType", "targetId", "targetLabel", data, "createdAt") VALUES ('a2', NULL, 'team.deleted', 'team', 't0', 'Gone Team', '{"slug":"gone","members":2}', '2026-01-02T03:04:05Z')`,
      );
      await client.query(migrations[at].sql);
      const { rows } = await client.query(`SELECT id, "teamId", "teamRefId", "teamSlug", "teamName", "detachedAt" FROM "AuditEvent" ORDER BY id`);
      expect(rows).toEqual([
        { id: "a1", teamId: "t1", teamRefId: "t1", teamSlug: "live", teamName: "Live Team", detachedAt: null },
        { id: "a2", teamId: null, teamRefId: "t0", teamSlug: "gone", teamName: "Gone Team", detachedAt: new Date("2026-01-02T03:04:05Z") },
      ]);
      await client.query(`DELETE FROM "Team" WHERE id = 't1'`);
      expect((await client.query(`SELECT "teamId", "teamRefId" FROM "AuditEvent" WHERE id = 'a1'`)).rows).toEqual([{ teamId: null, teamRefId: "t1" }]);
    } finally {
      // The embedded server shares one session between connections: put the search path back.
      await client.query("RESET search_path; DROP SCHEMA IF EXISTS before_audit_migration CASCADE").catch(() => {});
      await client.end();
    }
  });
});
