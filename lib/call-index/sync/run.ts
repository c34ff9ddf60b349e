// One sync run of one team (the job queue's unit of work): rebuild or account check first, then a
// backfill slice (plus an incremental pass once rows exist), or incremental + the periodic refresh.
import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import type { OperatorActor } from "@/lib/auth/team-actor";
import { whatTalkContextForTeam } from "@/lib/credentials/context";
import { checkAccount } from "./account";
import { backfillSlice } from "./backfill";
import { backoffSeconds, describeFailure } from "./failures";
import { incrementalSync } from "./incremental";
import type { Sleep } from "./pacer";
import { refreshRecent } from "./refresh";
import { createSession, SyncYield, type SyncSession } from "./session";
import { loadState, recordFailure, recordSuccess, saveState, type IndexState } from "./state";
import { purgeAndRestart } from "./store";
import { retentionWindow, type RetentionWindow } from "./window";

/** Refresh every this many incremental periods. */
export const REFRESH_EVERY_RUNS = 5;
/** A run's backfill pages for at most this long, then hands over to the next job. */
export const BACKFILL_SLICE_MS = 60_000;

export interface SyncRunOptions {
  now?: () => Date;
  signal?: AbortSignal;
  sliceMs?: number;
  wait?: Sleep;
}

/** What the run did, and when the team's next run should start (null: none until something changes). */
export interface SyncRunResult {
  outcome: "skipped" | "backfilling" | "synced" | "yielded" | "failed";
  nextRunInSeconds: number | null;
}

/** Syncs one team: skipped when the index is off, paused, or there is no usable key. */
export async function runTeamSync(actor: OperatorActor, opts: SyncRunOptions = {}): Promise<SyncRunResult> {
  const teamId = actor.teamId;
  const now = opts.now ?? (() => new Date());
  const team = await db().team.findUnique({ where: { id: teamId }, select: { timeZone: true, indexRetentionDays: true } });
  if (!team || team.indexRetentionDays === null) return { outcome: "skipped", nextRunInSeconds: null };
  const st = await loadState(teamId);
  if (st.paused) return { outcome: "skipped", nextRunInSeconds: null };
  let session: SyncSession;
  try {
    // The sync acts for the team, as an operator: no member's share is spent (lib/whattalk/budget.ts: its own share).
    const ctx = await whatTalkContextForTeam(actor);
    session = createSession({ ctx, teamId, timeZone: team.timeZone, now, signal: opts.signal, sliceMs: opts.sliceMs ?? BACKFILL_SLICE_MS, wait: opts.wait });
  } catch (error) {
    if (isAppError(error) && error.code === "NO_CREDENTIAL") return { outcome: "skipped", nextRunInSeconds: null };
    throw error;
  }
  // Backing off, unless the key was replaced since (a new key is tried at once).
  const keyReplaced = st.credentialId !== null && st.credentialId !== session.ctx.credentialId;
  if (st.failures > 0 && st.lastErrorAt && !keyReplaced) {
    const wait = backoffSeconds(st.failures) - (now().getTime() - st.lastErrorAt.getTime()) / 1000;
    if (wait > 1) return { outcome: "skipped", nextRunInSeconds: Math.ceil(wait) };
  }
  const window = retentionWindow(team.indexRetentionDays, team.timeZone, now());
  try {
    const outcome = await syncSteps(session, st, window);
    await recordSuccess(session, st);
    return outcome === "backfilling" ? { outcome, nextRunInSeconds: 0 } : { outcome, nextRunInSeconds: env().INDEX_SYNC_SECONDS };
  } catch (error) {
    if (error instanceof SyncYield || opts.signal?.aborted) {
      await saveState(session, st);
      return { outcome: "yielded", nextRunInSeconds: error instanceof SyncYield ? error.resumeInSeconds : 0 };
    }
    const failure = describeFailure(error, st.failures + 1);
    if (!isAppError(error) && !(error instanceof Error && error.name === "WhatTalkError")) {
      logger.error({ module: "call-index", teamId, err: { message: error instanceof Error ? error.message : String(error) } }, "index sync failed");
    } else logger.warn({ module: "call-index", teamId, reason: failure.message }, "index sync failed");
    await recordFailure(session, st, failure.message, now());
    return { outcome: "failed", nextRunInSeconds: failure.retryInSeconds };
  }
}

async function syncSteps(s: SyncSession, st: IndexState, window: RetentionWindow): Promise<"backfilling" | "synced"> {
  if (st.rebuildRequestedAt) {
    await purgeAndRestart(s.teamId, s.ctx.credentialId, { rebuildRequestedAt: null });
    Object.assign(st, { rebuildRequestedAt: null, credentialId: s.ctx.credentialId, backfillDateTo: null, backfillPage: 1, backfillTotal: null, backfillDoneAt: null, reachesBackTo: null, lastIncrementalAt: null, lastRefreshAt: null });
  }
  await checkAccount(s, st);
  const periodMs = env().INDEX_SYNC_SECONDS * 1000;
  const due = (at: Date | null, every: number) => !at || s.now().getTime() - at.getTime() >= every * periodMs;
  if (!st.backfillDoneAt) {
    // Calls arriving during a long backfill are picked up between its slices.
    if (st.backfillPage > 1 && due(st.lastIncrementalAt, 1)) await incrementalOrRestart(s, st, window);
    return (await backfillSlice(s, st, window)) === "done" ? "synced" : "backfilling";
  }
  await incrementalOrRestart(s, st, window);
  if (due(st.lastRefreshAt, REFRESH_EVERY_RUNS)) await refreshRecent(s, st, window);
  return st.backfillDoneAt ? "synced" : "backfilling";
}

/** Too far behind for an incremental pass: the backfill walks again from today (upserts keep the rows). */
async function incrementalOrRestart(s: SyncSession, st: IndexState, window: RetentionWindow): Promise<void> {
  if ((await incrementalSync(s, st, window)) === "ok") return;
  Object.assign(st, { backfillDateTo: null, backfillPage: 1, backfillDoneAt: null });
  await saveState(s, st, { backfillDateTo: null, backfillPage: 1, backfillTotal: null, backfillDoneAt: null });
}
