// The daily retention purge: each team's calls older than its window; a team whose index is off
// keeps no rows at all.
import "server-only";
import { db } from "@/lib/db";

const DAY_MS = 86_400_000;

/** Rows deleted in all. */
export async function purgeExpiredCalls(now: Date = new Date()): Promise<number> {
  const teams = await db().team.findMany({ where: { indexedCalls: { some: {} } }, select: { id: true, indexRetentionDays: true } });
  let deleted = 0;
  for (const t of teams) {
    const where = t.indexRetentionDays === null ? { teamId: t.id } : { teamId: t.id, createdAt: { lt: new Date(now.getTime() - t.indexRetentionDays * DAY_MS) } };
    deleted += (await db().indexedCall.deleteMany({ where })).count;
  }
  return deleted;
}
