// Whether a team's call index can answer, and how fresh and complete it is (CallIndexState).
import "server-only";
import { assertTeamScope, type TeamReader } from "@/lib/auth/team-actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { INDEX_READ_SCOPES } from "@/lib/rbac";

export type IndexStatus = {
  /** ISO time of the last successful sync. */
  syncedAt: string;
  ageSeconds: number;
  /** The backfill reached the retention window. */
  complete: boolean;
  /** ISO instant of the oldest call the index reaches (null: not known yet). */
  reachesBack: string | null;
  /** The index holds every call from this instant on (null: from no known instant). */
  coversFrom: Date | null;
  /** The WhatTalk key the rows were synced with (null: not recorded). */
  credentialId: string | null;
};

const DAY_MS = 86_400_000;

/**
 * The team's index status; a 409 with what to do when it cannot answer: turned off (retention
 * null), or never synced yet.
 */
export async function indexStatus(who: TeamReader, now: Date = new Date()): Promise<IndexStatus> {
  const teamId = assertTeamScope(who, INDEX_READ_SCOPES);
  const team = await db().team.findUnique({
    where: { id: teamId },
    select: { indexRetentionDays: true, callIndexState: { select: { lastSuccessAt: true, backfillDoneAt: true, reachesBackTo: true, credentialId: true } } },
  });
  if (!team || team.indexRetentionDays === null) {
    throw new AppError("CONFLICT", "Search needs the call index, which is off for this team: an admin can turn it on in Settings → Search index.", { details: { reason: "index_off" } });
  }
  const state = team.callIndexState;
  if (!state?.lastSuccessAt) {
    throw new AppError("CONFLICT", "The call index is still being built: try again in a minute.", { retryAfterSeconds: 60, details: { reason: "index_building" } });
  }
  const complete = !!state.backfillDoneAt;
  const retentionStart = new Date(now.getTime() - team.indexRetentionDays * DAY_MS);
  const reached = state.reachesBackTo;
  // Complete: the whole retention window; while backfilling: from the oldest call reached.
  const coversFrom = complete ? retentionStart : reached ? new Date(Math.max(reached.getTime(), retentionStart.getTime())) : null;
  return {
    syncedAt: state.lastSuccessAt.toISOString(),
    ageSeconds: Math.max(0, Math.round((now.getTime() - state.lastSuccessAt.getTime()) / 1000)),
    complete,
    reachesBack: reached?.toISOString() ?? (complete ? retentionStart.toISOString() : null),
    coversFrom,
    credentialId: state.credentialId,
  };
}
