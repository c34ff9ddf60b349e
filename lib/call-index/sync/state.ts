// The team's CallIndexState as a run sees it: loaded once, the requests spent counted per minute
// window and in all, the outcome of the run (success, or a failure with its sentence and backoff).
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SyncSession } from "./session";

export type IndexState = NonNullable<Awaited<ReturnType<typeof loadState>>>;

/** The team's state row, created on its first run. */
export function loadState(teamId: string) {
  return db().callIndexState.upsert({ where: { teamId }, create: { teamId }, update: {} });
}

/** The request counters after the session's unrecorded attempts (also updates `st` in memory). */
export function requestsData(s: SyncSession, st: IndexState): Prisma.CallIndexStateUncheckedUpdateInput {
  const n = s.unrecorded;
  s.unrecorded = 0;
  const now = new Date();
  if (!st.requestsWindowStart || now.getTime() - st.requestsWindowStart.getTime() >= 60_000) {
    st.requestsWindowStart = now;
    st.requestsInWindow = n;
  } else st.requestsInWindow += n;
  st.requestsTotal += n;
  return { requestsWindowStart: st.requestsWindowStart, requestsInWindow: st.requestsInWindow, requestsTotal: { increment: n } };
}

export async function saveState(s: SyncSession, st: IndexState, data: Prisma.CallIndexStateUncheckedUpdateInput = {}): Promise<void> {
  await db().callIndexState.update({ where: { teamId: st.teamId }, data: { ...data, ...requestsData(s, st) }, select: { teamId: true } });
}

export async function recordSuccess(s: SyncSession, st: IndexState): Promise<void> {
  await saveState(s, st, { failures: 0, lastError: null, lastSuccessAt: s.now() });
}

export async function recordFailure(s: SyncSession | null, st: IndexState, message: string, now: Date): Promise<number> {
  const data: Prisma.CallIndexStateUncheckedUpdateInput = { failures: { increment: 1 }, lastError: message, lastErrorAt: now };
  const row = await db().callIndexState.update({ where: { teamId: st.teamId }, data: s ? { ...data, ...requestsData(s, st) } : data, select: { failures: true } });
  return row.failures;
}
