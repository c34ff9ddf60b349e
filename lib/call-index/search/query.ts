// Pages of a team's indexed calls for a selection: the rows (the stored upstream calls) in the
// selection's order, and the exact number of matches.
import "server-only";
import { assertTeamScope, type TeamReader } from "@/lib/auth/team-actor";
import { INDEX_READ_SCOPES } from "@/lib/rbac";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CallSelection } from "@/lib/validation/call-filters";
import type { UpstreamCall } from "@/lib/whattalk";
import { whereSql, type IndexScope } from "./where";

type Sort = NonNullable<CallSelection["sort"]>;

const NEWEST = `"createdAt" DESC, "callId" DESC`;
/** Each order ends on a unique key, so pages never overlap; empty values come last. */
const ORDERS: Record<Sort, string> = {
  newest: NEWEST,
  oldest: `"createdAt" ASC, "callId" ASC`,
  longest: `"durationSeconds" DESC NULLS LAST, ${NEWEST}`,
  shortest: `"durationSeconds" ASC NULLS LAST, ${NEWEST}`,
  score_high: `"score" DESC NULLS LAST, ${NEWEST}`,
  score_low: `"score" ASC NULLS LAST, ${NEWEST}`,
  cost_high: `"totalCost" DESC NULLS LAST, ${NEWEST}`,
  cost_low: `"totalCost" ASC NULLS LAST, ${NEWEST}`,
};

export type IndexQuery = { teamId: string; timeZone: string; selection: CallSelection; scope: IndexScope };
export type IndexPage = { calls: UpstreamCall[]; total: number };

/** The query for page `page` (from 1) of `perPage` matching calls (EXPLAIN in the tests reads it too). */
export function pageSql(q: IndexQuery, page: number, perPage: number): Prisma.Sql {
  const order = Prisma.raw(ORDERS[q.selection.sort ?? "newest"]);
  return Prisma.sql`SELECT "call" FROM "IndexedCall" ${whereSql(q.teamId, q.timeZone, q.selection, q.scope)} ORDER BY ${order} LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`;
}

/** Page `page` (from 1) of `perPage` matching calls of the reader's team, and how many match in all. */
export async function searchIndexedCalls(who: TeamReader, query: Omit<IndexQuery, "teamId">, page: number, perPage: number): Promise<IndexPage> {
  const q: IndexQuery = { ...query, teamId: assertTeamScope(who, INDEX_READ_SCOPES) };
  const where = whereSql(q.teamId, q.timeZone, q.selection, q.scope);
  const [rows, counted] = await db().$transaction([
    db().$queryRaw<{ call: UpstreamCall }[]>(pageSql(q, page, perPage)),
    db().$queryRaw<{ n: bigint | number }[]>`SELECT count(*) AS n FROM "IndexedCall" ${where}`,
  ]);
  return { calls: rows.map((r) => r.call), total: Number(counted[0]?.n ?? 0) };
}
