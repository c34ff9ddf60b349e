// Applies prisma/migrations/*/migration.sql in order, each once, inside an advisory lock, and records
// them in Prisma's own `_prisma_migrations` table (same columns and checksum as `prisma migrate
// deploy`), so Prisma's tools on any machine agree with it. Needed because `prisma migrate deploy`
// cannot run through @prisma/adapter-pg 6.19 (see ../shared/TOOLCHAIN.md).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

const MIGRATIONS_DIR = path.join(__dirname, "..", "..", "prisma", "migrations");
const LOCK_ID = 72707369; // arbitrary, constant: serialises concurrent runners

export type MigrationResult = { applied: string[]; alreadyApplied: string[] };

export function listMigrations(dir = MIGRATIONS_DIR): { name: string; sql: string; checksum: string }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

/** `options.dir`: another migrations folder (tests apply the history up to a point). */
export async function migrate(connectionString: string, options: { log?: (line: string) => void; dir?: string } = {}): Promise<MigrationResult> {
  const log = options.log ?? (() => {});
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_ID]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const done = new Map(rows.filter((r) => r.finished_at).map((r) => [r.migration_name, r.checksum]));
    const failed = rows.filter((r) => !r.finished_at).map((r) => r.migration_name);
    if (failed.length) {
      throw new Error(`Migration ${failed[0]} failed earlier and was not resolved; fix the database, then mark it rolled back.`);
    }
    const result: MigrationResult = { applied: [], alreadyApplied: [] };
    for (const m of listMigrations(options.dir)) {
      const known = done.get(m.name);
      if (known) {
        if (known !== m.checksum) log(`warning: migration ${m.name} was modified after it was applied`);
        result.alreadyApplied.push(m.name);
        continue;
      }
      const id = crypto.randomUUID();
      await client.query("BEGIN");
      try {
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
          [id, m.checksum, m.name],
        );
        await client.query(m.sql);
        await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${m.name} failed: ${(error as Error).message}`);
      }
      log(`applied ${m.name}`);
      result.applied.push(m.name);
    }
    return result;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_ID]).catch(() => {});
    await client.end();
  }
}
