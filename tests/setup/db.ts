// A fresh, migrated database for each test file: an in-memory embedded PostgreSQL by default, or a
// new database on the real PostgreSQL at TEST_DATABASE_URL (CI runs the db suite both ways).
import crypto from "node:crypto";
import pg from "pg";
import { afterAll } from "vitest";
import { startEmbeddedPostgres } from "@/tools/db/embedded";
import { migrate } from "@/tools/db/migrate";
import { resetEnvCache } from "@/lib/env";
import { disconnectDb } from "@/lib/db";

async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const external = process.env.TEST_DATABASE_URL;
  if (!external) {
    const embedded = await startEmbeddedPostgres();
    process.env.DATABASE_POOL_SIZE = "1"; // the embedded server runs one query at a time
    return { url: embedded.url, drop: () => embedded.stop() };
  }
  const name = `portal_test_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: external });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(external);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: external });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const database = await createDatabase();
await migrate(database.url);
process.env.DATABASE_URL = database.url;
process.env.APP_ENCRYPTION_KEYS ??= `k1:${crypto.randomBytes(32).toString("base64")}`;
process.env.NEXTAUTH_SECRET ??= crypto.randomBytes(32).toString("base64url");
resetEnvCache();

afterAll(async () => {
  await disconnectDb();
  await database.drop();
});
