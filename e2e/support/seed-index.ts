// Seeds or restores a team's call index for a browser journey (run with tsx --conditions=react-server,
// like the demo seed): `seed <slug> <calls>` writes that many indexed calls and an up-to-date sync state;
// `restore <slug>` deletes them and sets the retention back to the default 90 days.
import { disconnectDb, db } from "@/lib/db";
import { seedIndexedCalls, seedIndexState } from "../../tests/support/indexed-calls";

async function run(action: string | undefined, slug: string | undefined, count = 0) {
  const team = await db().team.findUniqueOrThrow({ where: { slug }, select: { id: true } });
  await db().indexedCall.deleteMany({ where: { teamId: team.id } });
  await db().callIndexState.deleteMany({ where: { teamId: team.id } });
  await db().team.update({ where: { id: team.id }, data: { indexRetentionDays: 90 } });
  if (action !== "seed") return;
  const now = new Date();
  await seedIndexedCalls(team.id, Array.from({ length: count }, (_, i) => i + 1), { firstId: 880_000 });
  await seedIndexState(team.id, { backfillDateTo: now.toISOString().slice(0, 10), backfillDoneAt: now, lastSuccessAt: now, requestsWindowStart: now, requestsInWindow: 7, requestsTotal: 321 });
}

run(process.argv[2], process.argv[3], Number(process.argv[4] ?? 0))
  .then(() => disconnectDb())
  .catch(async (error) => {
    console.error(error);
    await disconnectDb();
    process.exit(1);
  });
