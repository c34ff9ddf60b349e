// `npm run db:migrate`: applies prisma/migrations to the PostgreSQL at DATABASE_URL.
import { migrate } from "./migrate";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. Point it at your PostgreSQL (the demo's embedded database migrates itself on `npm run demo`).");
  process.exit(2);
}
migrate(url, { log: (l) => console.log(l) })
  .then((r) => {
    console.log(r.applied.length ? `Applied ${r.applied.length} migration(s).` : `Up to date (${r.alreadyApplied.length} migration(s) already applied).`);
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
