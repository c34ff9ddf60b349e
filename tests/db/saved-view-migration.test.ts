// Saved views stored with filters version 1 are migrated to version 2 (the index-only filters) by
// the call-index migration, and still apply exactly as they did.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseStoredFilters } from "@/lib/validation/call-filters";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/tools/db/embedded";
import { listMigrations, migrate } from "@/tools/db/migrate";

const V2 = "call_index_state";
let server: EmbeddedPostgres;
let dir: string;

beforeAll(async () => {
  server = await startEmbeddedPostgres();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
  const all = listMigrations();
  const v2 = all.find((m) => m.name.endsWith(V2))!.name;
  for (const m of all.filter((m) => m.name < v2)) {
    fs.mkdirSync(path.join(dir, m.name));
    fs.writeFileSync(path.join(dir, m.name, "migration.sql"), m.sql);
  }
}, 60_000);
afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the filters version 2 migration", () => {
  it("moves version-1 views to version 2 with their filters unchanged", async () => {
    await migrate(server.url, { dir });
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      const filters = { status: "completed", assistant_id: 101, date_preset: "last7", per_page: 50 };
      await client.query(`INSERT INTO "Team" (id, name, slug, "updatedAt") VALUES ('t1', 'T', 't', now())`);
      await client.query(
        `INSERT INTO "SavedView" (id, "teamId", name, "nameKey", "scopeKey", visibility, filters, "schemaVersion", columns, "updatedAt")
         VALUES ('v1', 't1', 'Done', 'done', 'team', 'TEAM', $1, 1, '[]', now())`,
        [JSON.stringify(filters)],
      );
      const { applied } = await migrate(server.url);
      expect(applied.some((n) => n.endsWith(V2))).toBe(true);
      const { rows } = await client.query(`SELECT filters, "schemaVersion" FROM "SavedView" WHERE id = 'v1'`);
      expect(rows[0].schemaVersion).toBe(2);
      expect(rows[0].filters).toEqual(filters);
      const parsed = parseStoredFilters(rows[0].filters, { country: "TR", timeZone: "Europe/Istanbul" }, new Date("2026-12-07T12:00:00Z"));
      expect(parsed).toMatchObject({ ok: true, filters: { status: "completed", assistant_id: 101, date_preset: "last7", per_page: 50 } });
    } finally {
      await client.end();
    }
  }, 60_000);
});
