// Writes of a team's IndexedCall rows: idempotent upserts on (teamId, callId) through indexedCallRow,
// removals, purges. Each batch commits with the CallIndexState change that goes with it.
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { UpstreamCall } from "@/lib/whattalk";
import { indexedCallRow } from "../row";

export interface UpsertSummary {
  written: number;
  oldest: Date | null;
  newest: Date | null;
}

/** Upserts `calls` (those older than `cutoff` left out) and applies `state` to the team's CallIndexState, in one transaction. */
export async function upsertCalls(
  teamId: string,
  timeZone: string,
  calls: readonly UpstreamCall[],
  opts: { cutoff?: Date; state?: (summary: UpsertSummary) => Prisma.CallIndexStateUncheckedUpdateInput } = {},
): Promise<UpsertSummary> {
  const rows = calls.map((c) => indexedCallRow(teamId, timeZone, c)).filter((r): r is NonNullable<typeof r> => r !== null && (!opts.cutoff || new Date(r.createdAt) >= opts.cutoff));
  const ops: Prisma.PrismaPromise<unknown>[] = rows.map((row) => {
    const { teamId: _t, callId: _c, ...update } = row;
    return db().indexedCall.upsert({ where: { teamId_callId: { teamId, callId: row.callId } }, create: row, update, select: { callId: true } });
  });
  const times = rows.map((r) => new Date(r.createdAt).getTime());
  const summary = { written: rows.length, oldest: times.length ? new Date(Math.min(...times)) : null, newest: times.length ? new Date(Math.max(...times)) : null };
  if (opts.state) ops.push(db().callIndexState.update({ where: { teamId }, data: opts.state(summary), select: { teamId: true } }));
  if (ops.length) await db().$transaction(ops);
  return summary;
}

/** Removes calls from a team's index (deleted at WhatTalk or through the portal). */
export async function removeCalls(teamId: string, callIds: readonly number[]): Promise<number> {
  if (callIds.length === 0) return 0;
  const res = await db().indexedCall.deleteMany({ where: { teamId, callId: { in: [...callIds] } } });
  return res.count;
}

/** Every row of a team's index, and the backfill starts again from the newest call. */
export async function purgeAndRestart(teamId: string, credentialId: string | null, extra: Prisma.CallIndexStateUncheckedUpdateInput = {}): Promise<void> {
  await db().$transaction([
    db().indexedCall.deleteMany({ where: { teamId } }),
    db().callIndexState.update({
      where: { teamId },
      data: { credentialId, backfillDateTo: null, backfillPage: 1, backfillTotal: null, backfillDoneAt: null, reachesBackTo: null, lastIncrementalAt: null, lastRefreshAt: null, ...extra },
      select: { teamId: true },
    }),
  ]);
}

/** The newest indexed calls of a team (newest first). */
export function newestRows(teamId: string, take: number) {
  return db().indexedCall.findMany({ where: { teamId }, orderBy: [{ createdAt: "desc" }, { callId: "desc" }], take, select: { callId: true, createdAt: true } });
}
