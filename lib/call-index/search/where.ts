// The WHERE clause of an index query: the team, the member's scope, WhatTalk's own filters read as
// WhatTalk reads them, the search terms and the index-only filters. Values are always parameters.
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { parseSearchQuery } from "@/lib/search/parse-query";
import type { CallSelection } from "@/lib/validation/call-filters";
import { addDays, wallClockToInstant } from "@/lib/validation/dates";
import { termsSql } from "./terms";

/**
 * Which calls the reader may see, as SQL: all, or the calls of these assistant ids and, when a call
 * carries no assistant id, those whose assistant name is one of `names` (trimmed, lower case), as
 * lib/calls/scope.ts decides. Its re-check still runs on the rows.
 */
export type IndexScope = { kind: "all" } | { kind: "assigned"; assistantIds: number[]; names: string[] };

function scopeSql(scope: IndexScope): Prisma.Sql | null {
  if (scope.kind === "all") return null;
  const ids = scope.assistantIds.length ? Prisma.sql`"assistantId" IN (${Prisma.join(scope.assistantIds)})` : Prisma.sql`FALSE`;
  if (!scope.names.length) return Prisma.sql`(${ids})`;
  return Prisma.sql`(${ids} OR ("assistantId" IS NULL AND lower(btrim("assistantName")) IN (${Prisma.join(scope.names)})))`;
}

/** The first instant of a local day in `timeZone`. */
function dayStart(day: string, timeZone: string): Date {
  const at = wallClockToInstant(`${day} 00:00:00`, timeZone);
  if (!at) throw new AppError("BAD_REQUEST", "Some filters are invalid.", { fieldErrors: { date_from: ["Must be a real date written YYYY-MM-DD."] } });
  return at;
}

/** WhatTalk's own filters: equal values, the phone number contained in the customer's, whole local days. */
function upstreamFiltersSql(s: CallSelection, timeZone: string): Prisma.Sql[] {
  const out: Prisma.Sql[] = [];
  if (s.status) out.push(Prisma.sql`"status" = ${s.status}`);
  if (s.type) out.push(Prisma.sql`"type" = ${s.type}`);
  if (s.phone_number) out.push(Prisma.sql`strpos("clientPhone", ${s.phone_number}) > 0`);
  if (s.assistant_id !== undefined) out.push(Prisma.sql`"assistantId" = ${s.assistant_id}`);
  if (s.campaign_id !== undefined) out.push(Prisma.sql`"campaignId" = ${s.campaign_id}`);
  if (s.date_from) out.push(Prisma.sql`"createdAt" >= ${dayStart(s.date_from, timeZone)}`);
  if (s.date_to) out.push(Prisma.sql`"createdAt" < ${dayStart(addDays(s.date_to, 1), timeZone)}`);
  return out;
}

function range(column: string, min: number | undefined, max: number | undefined): Prisma.Sql[] {
  const col = Prisma.raw(`"${column}"`);
  const out: Prisma.Sql[] = [];
  if (min !== undefined) out.push(Prisma.sql`${col} >= ${min}`);
  if (max !== undefined) out.push(Prisma.sql`${col} <= ${max}`);
  return out;
}

/** The index-only filters (search, evaluation, ranges, answered by). */
function indexFiltersSql(s: CallSelection): Prisma.Sql[] {
  const out: Prisma.Sql[] = [];
  if (s.q) {
    const parsed = parseSearchQuery(s.q);
    if (!parsed.ok) throw new AppError("BAD_REQUEST", "Some filters are invalid.", { fieldErrors: { q: [parsed.message] } });
    out.push(...termsSql(parsed.terms));
  }
  if (s.sentiment) out.push(Prisma.sql`"sentiment" = ${s.sentiment}`);
  if (s.outcome?.length) out.push(Prisma.sql`lower("outcome") IN (${Prisma.join(s.outcome.map((o) => Prisma.sql`lower(${o})`))})`);
  out.push(...range("score", s.score_min, s.score_max), ...range("durationSeconds", s.duration_min, s.duration_max), ...range("totalCost", s.cost_min, s.cost_max));
  if (s.answered_by) out.push(Prisma.sql`"answeredBy" = ${s.answered_by}`);
  return out;
}

/** The whole WHERE clause for a team's calls matching `selection` inside `scope`. */
export function whereSql(teamId: string, timeZone: string, selection: CallSelection, scope: IndexScope): Prisma.Sql {
  const parts = [Prisma.sql`"teamId" = ${teamId}`, scopeSql(scope), ...upstreamFiltersSql(selection, timeZone), ...indexFiltersSql(selection)].filter((p): p is Prisma.Sql => p !== null);
  return Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}`;
}
