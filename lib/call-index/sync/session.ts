// One sync run's upstream access: paced requests from the sync's budget share, counted for
// CallIndexState; a spent budget waits (within the run's time) or ends the run without a failure.
import "server-only";
import { getCall, isWhatTalkError, listCalls, type ListCallsQuery, type UpstreamCall, type UpstreamPage, type WhatTalkContext } from "@/lib/whattalk";
import { Pacer, sleep, syncIntervalMs, type Sleep } from "./pacer";

export const PER_PAGE = 100;

/** Thrown when the run should end now and resume later without counting a failure. */
export class SyncYield extends Error {
  constructor(
    readonly resumeInSeconds: number,
    reason: string,
  ) {
    super(reason);
    this.name = "SyncYield";
  }
}

export interface SyncSession {
  ctx: WhatTalkContext;
  teamId: string;
  timeZone: string;
  now: () => Date;
  signal?: AbortSignal;
  /** Wall-clock end of this run's slice (ms since epoch): backfill stops paging after it. */
  deadline: number;
  /** Upstream attempts not yet written to CallIndexState. */
  unrecorded: number;
  pacer: Pacer;
  wait: Sleep;
}

export function createSession(args: { ctx: WhatTalkContext; teamId: string; timeZone: string; now?: () => Date; signal?: AbortSignal; sliceMs: number; wait?: Sleep }): SyncSession {
  const wait = args.wait ?? sleep;
  return {
    ctx: { ...args.ctx, purpose: "sync" },
    teamId: args.teamId,
    timeZone: args.timeZone,
    now: args.now ?? (() => new Date()),
    signal: args.signal,
    deadline: Date.now() + args.sliceMs,
    unrecorded: 0,
    pacer: new Pacer(syncIntervalMs(), wait),
    wait,
  };
}

/** Runs `fn` after a pacing slot; a spent budget waits when it fits in the slice, else yields. */
async function paced<T>(s: SyncSession, fn: () => Promise<{ data: T; meta: { attempts: number; cache: string } }>): Promise<T> {
  for (;;) {
    if (s.signal?.aborted) throw new SyncYield(0, "stopping");
    await s.pacer.slot(s.signal);
    let retryAfter: number;
    try {
      const res = await fn();
      s.unrecorded += res.meta.attempts;
      // A stale copy means the budget was spent (the client served its cache instead).
      if (res.meta.cache !== "stale") return res.data;
      retryAfter = 5;
    } catch (error) {
      if (isWhatTalkError(error)) s.unrecorded += error.attempts ?? 0;
      if (!isWhatTalkError(error, "budget_exhausted")) throw error;
      retryAfter = error.retryAfterSeconds ?? 5;
    }
    if (Date.now() + retryAfter * 1000 > s.deadline) throw new SyncYield(retryAfter, "budget spent");
    await s.wait(retryAfter * 1000, s.signal);
  }
}

/** One page of the account's calls, 100 a page, fresh from WhatTalk. */
export function fetchPage(s: SyncSession, query: ListCallsQuery): Promise<UpstreamPage<UpstreamCall>> {
  return paced(s, () => listCalls(s.ctx, { ...query, per_page: PER_PAGE }, { cache: false, signal: s.signal }));
}

/** One call fresh from WhatTalk; null when WhatTalk answers 404 (deleted, or not this account's). */
export async function fetchCall(s: SyncSession, callId: number): Promise<UpstreamCall | null> {
  try {
    return await paced(s, () => getCall(s.ctx, callId, { cache: false, signal: s.signal }));
  } catch (error) {
    if (isWhatTalkError(error, "not_found")) return null;
    throw error;
  }
}
