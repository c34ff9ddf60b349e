import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listMigrations, migrate } from "@/tools/db/migrate";

describe("database layer", () => {
  it("records every migration in Prisma's _prisma_migrations table with Prisma's checksum", async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const { rows } = await client.query(`SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`);
    await client.end();
    const files = listMigrations();
    expect(files.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const f of files) {
      const row = rows.find((r) => r.migration_name === f.name)!;
      const sql = fs.readFileSync(path.join("prisma", "migrations", f.name, "migration.sql"), "utf8");
      expect(row.checksum).toBe(crypto.createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("is idempotent, also when two runners race", async () => {
    const url = process.env.DATABASE_URL!;
    const [a, b] = await Promise.all([migrate(url), migrate(url)]);
    expect(a.applied).toEqual([]);
    expect(b.applied).toEqual([]);
    expect(a.alreadyApplied.length).toBe(listMigrations().length);
  });

  it("enforces unique slugs, unique memberships and cascades team deletion", async () => {
    const user = await db().user.create({ data: { email: `u-${crypto.randomUUID()}@x.test`, name: "U" } });
    const team = await db().team.create({ data: { name: "T", slug: `t-${crypto.randomUUID()}`, memberships: { create: { userId: user.id, role: "OWNER" } } } });
    await expect(db().team.create({ data: { name: "T2", slug: team.slug } })).rejects.toMatchObject({ code: "P2002" });
    await expect(db().membership.create({ data: { teamId: team.id, userId: user.id, role: "AGENT" } })).rejects.toMatchObject({ code: "P2002" });
    await db().team.delete({ where: { id: team.id } });
    expect(await db().membership.count({ where: { teamId: team.id } })).toBe(0);
    expect(await db().user.count({ where: { id: user.id } })).toBe(1);
  });

  it("rolls back an interactive transaction without losing concurrent writes", async () => {
    const slug = `tx-${crypto.randomUUID()}`;
    const failing = db().$transaction(async (tx) => {
      await tx.team.create({ data: { name: "rolled back", slug } });
      await new Promise((r) => setTimeout(r, 50));
      throw new Error("boom");
    });
    const concurrent = Promise.all(Array.from({ length: 5 }, (_, i) => db().team.create({ data: { name: `c${i}`, slug: `${slug}-c${i}` } })));
    await expect(failing).rejects.toThrow("boom");
    await concurrent;
    expect(await db().team.count({ where: { slug } })).toBe(0);
    expect(await db().team.count({ where: { slug: { startsWith: `${slug}-c` } } })).toBe(5);
  });
});
