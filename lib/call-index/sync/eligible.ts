// Teams whose index is synced: retention set (index on), not paused, a key that is not known to be refused.
import "server-only";
import { db } from "@/lib/db";

export async function teamsToSync(): Promise<string[]> {
  const teams = await db().team.findMany({
    where: {
      indexRetentionDays: { not: null },
      credential: { is: { status: { not: "INVALID" } } },
      OR: [{ callIndexState: { is: null } }, { callIndexState: { is: { paused: false } } }],
    },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return teams.map((t) => t.id);
}
