// `npm run db:seed`: loads the demo data into the PostgreSQL at DATABASE_URL (migrated first with
// `npm run db:migrate`). Safe to run again.
import { disconnectDb } from "@/lib/db";
import { env } from "@/lib/env";
import { seedDemo } from "./seed";

async function run() {
  if (!env().DATABASE_URL) {
    console.error("DATABASE_URL is not set. Point it at the portal's PostgreSQL (run `npm run db:migrate` first).");
    return 2;
  }
  const { users, password } = await seedDemo({ log: (l) => console.log(l) });
  console.log(`Demo sign-ins (password for all: ${password}):`);
  for (const u of users) console.log(`  ${u.role.padEnd(10)} ${u.email}`);
  return 0;
}

run()
  .then(async (code) => {
    await disconnectDb();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    await disconnectDb().catch(() => {});
    process.exit(1);
  });
