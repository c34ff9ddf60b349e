import "server-only";
import { assertTeamScope, type TeamReader } from "@/lib/auth/team-actor";
import { db } from "@/lib/db";
import { SEEN_MAX_CALL_IDS } from "@/lib/directory/learn";
import type { SeenName, SeenNames } from "@/lib/directory/types";

/**
 * The assistant and campaign names seen in calls without an id (lib/directory/learn.ts) that no
 * directory entry of that kind has (compared without regard to case), most recently seen first.
 * Adding an entry with that name takes it off the list; removing the entry brings it back.
 */
export async function listSeenNames(who: TeamReader): Promise<SeenNames> {
  const teamId = assertTeamScope(who, "assignments:manage");
  const rows = await db().$queryRaw<{ kind: "ASSISTANT" | "CAMPAIGN"; name: string; callCount: number; firstSeenAt: Date; lastSeenAt: Date }[]>`
    SELECT s."kind"::text AS "kind", s."name", cardinality(s."callIds")::int AS "callCount", s."firstSeenAt", s."lastSeenAt"
    FROM "SeenDirectoryName" s
    WHERE s."teamId" = ${teamId}
      AND NOT (s."kind" = 'ASSISTANT' AND EXISTS (SELECT 1 FROM "Assistant" a WHERE a."teamId" = s."teamId" AND lower(a."name") = lower(s."name")))
      AND NOT (s."kind" = 'CAMPAIGN' AND EXISTS (SELECT 1 FROM "Campaign" c WHERE c."teamId" = s."teamId" AND lower(c."name") = lower(s."name")))
    ORDER BY s."lastSeenAt" DESC, s."name" ASC`;
  const out: SeenNames = { assistants: [], campaigns: [] };
  for (const r of rows) {
    const entry: SeenName = {
      name: r.name,
      callCount: r.callCount,
      capped: r.callCount >= SEEN_MAX_CALL_IDS,
      firstSeenAt: new Date(r.firstSeenAt).toISOString(),
      lastSeenAt: new Date(r.lastSeenAt).toISOString(),
    };
    (r.kind === "ASSISTANT" ? out.assistants : out.campaigns).push(entry);
  }
  return out;
}
