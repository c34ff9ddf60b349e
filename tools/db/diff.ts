// Writes a new migration: the SQL that takes the previous schema (git's committed
// prisma/schema.prisma, or empty) to the current prisma/schema.prisma.
//   npm run db:diff -- <name> [--from <old schema file> | --from-empty]
// Needs no database of its own: it starts an in-memory embedded PostgreSQL for Prisma's adapter.
import { exec, execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { startEmbeddedPostgres } from "./embedded";

const run = promisify(exec);

async function main() {
  const args = process.argv.slice(2);
  const name = args.find((a) => !a.startsWith("--"));
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("usage: npm run db:diff -- <snake_case_name> [--from <old.prisma> | --from-empty]");
    process.exit(2);
  }
  let from: string;
  if (args.includes("--from-empty")) from = "--from-empty";
  else {
    const i = args.indexOf("--from");
    let file = i >= 0 ? args[i + 1] : undefined;
    if (!file) {
      file = path.join(os.tmpdir(), `schema-${process.pid}.prisma`);
      fs.writeFileSync(file, execSync("git show HEAD:prisma/schema.prisma").toString());
    }
    from = `--from-schema-datamodel ${JSON.stringify(file)}`;
  }
  const pg = await startEmbeddedPostgres();
  try {
    const { stdout } = await run(`npx prisma migrate diff ${from} --to-schema-datamodel prisma/schema.prisma --script`, {
      env: { ...process.env, DATABASE_URL: pg.url },
      maxBuffer: 64 * 1024 * 1024,
    });
    if (!stdout.trim() || /This is an empty migration/.test(stdout)) {
      console.log("No schema changes.");
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), stdout);
    console.log(`Wrote ${dir}/migration.sql`);
  } finally {
    await pg.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
