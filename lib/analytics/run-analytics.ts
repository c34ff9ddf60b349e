// The analytics of a team's calls for a selection: every matching call read and aggregated as pages
// arrive; runs cached and shared. Cost and caching: docs/design-notes.md.
import "server-only";
import { LRUCache } from "lru-cache";
import type { TeamAccess } from "@/lib/auth/team-access";
import { bulkRetryDelayMs, callPageFetcher, pagesFor } from "@/lib/bulk/call-pages";
import { indexPageFetcher, type BulkSource } from "@/lib/bulk/index-pages";
import { openPageReader, type PageFetcher } from "@/lib/bulk/read-pages";
import { callScopeOf, type CallScope } from "@/lib/calls/scope";
import { whatTalkContextForTeam } from "@/lib/credentials/context";
import { env } from "@/lib/env";
import { AppError, forbidden } from "@/lib/errors";
import { logger } from "@/lib/logger";
import type { UpstreamCall, WhatTalkContext } from "@/lib/whattalk";
import { createAggregator, withoutCosts, type AnalyticsData } from "./aggregate";
import { selectionKey, type AnalyticsSelection } from "./query";
import type { AnalyticsProgress, AnalyticsResult } from "./types";

export const CACHE_SECONDS = 180;
const ABANDON_GRACE_MS = 3_000;
const MAX_PAGE_WAIT_MS = 3 * 60_000;

type Computed = { data: AnalyticsData; computedAt: string; requests: number; droppedOutOfScope: number; from: string; to: string; timeZone: string; source: BulkSource };

type Job = {
  key: string;
  progress: AnalyticsProgress;
  listeners: Set<(p: AnalyticsProgress) => void>;
  subscribers: number;
  abort: AbortController;
  done: Promise<Computed>;
  idleTimer?: NodeJS.Timeout;
};

const results = new LRUCache<string, Computed>({ max: 500, ttl: CACHE_SECONDS * 1000 });
const jobs = new Map<string, Job>();

function assertAccess(access: TeamAccess) {
  if (!access.can("analytics:read")) throw forbidden();
  // Analytics cover all of the team's calls: never for a role limited to assigned assistants.
  if (!access.can("calls:read:all")) throw forbidden("Analytics cover all of the team's calls, which your role cannot see.");
}

function shape(access: TeamAccess, c: Computed, cached: boolean): AnalyticsResult {
  return {
    data: access.can("calls:costs") ? c.data : withoutCosts(c.data),
    meta: { from: c.from, to: c.to, timeZone: c.timeZone, computedAt: c.computedAt, requests: c.requests, cached, cacheSeconds: CACHE_SECONDS, droppedOutOfScope: c.droppedOutOfScope, ...c.source },
  };
}

// The scope is part of the key, so results are only shared between members who see the same calls.
const scopeKey = (scope: CallScope) => (scope.kind === "all" ? "all" : scope.assistants.map((a) => a.id).join(","));
const keyOf = (teamId: string, credentialId: string, timeZone: string, scope: CallScope, selection: AnalyticsSelection) =>
  [teamId, credentialId, timeZone, scopeKey(scope), selectionKey(selection)].join("\u0000");

/** A cached result, if there is one (for the page's first render); never calls WhatTalk. */
export async function peekAnalytics(access: TeamAccess, selection: AnalyticsSelection): Promise<AnalyticsResult | null> {
  assertAccess(access);
  try {
    const ctx = await whatTalkContextForTeam(access);
    const hit = results.get(keyOf(access.team.id, ctx.credentialId, access.team.timeZone, await callScopeOf(access), selection));
    return hit ? shape(access, hit, true) : null;
  } catch {
    return null;
  }
}

export type AnalyticsRun =
  | { kind: "ready"; result: AnalyticsResult }
  | {
      kind: "running";
      /** The result (rejects with an AppError/WhatTalkError: too many calls, budget not freed in time, WhatTalk failing). */
      result: Promise<AnalyticsResult>;
    };

/**
 * Starts (or joins) the computation. Throws only what is known before reading (no access, no
 * usable key); everything after (waiting for budget, too many calls, WhatTalk failing) arrives as
 * progress and as the result promise. `onProgress` is called as pages arrive (and while waiting
 * for the team's budget); `signal` ends the caller's interest.
 */
export async function runAnalytics(
  access: TeamAccess,
  selection: AnalyticsSelection,
  opts: { fresh?: boolean; onProgress?: (p: AnalyticsProgress) => void; signal?: AbortSignal } = {},
): Promise<AnalyticsRun> {
  assertAccess(access);
  const teamId = access.team.id;
  const timeZone = access.team.timeZone;
  const ctx = await whatTalkContextForTeam(access);
  const scope = await callScopeOf(access);
  const key = keyOf(teamId, ctx.credentialId, timeZone, scope, selection);
  const dropped = { count: 0 };
  // Every matching call from the index (no cap, no WhatTalk budget) when it covers the range fresh;
  // with search or an index-only filter, from the index or a 409 (lib/bulk/index-pages.ts).
  const fromIndex = await indexPageFetcher(access, scope, selection, "analytics", { onDropped: (n) => (dropped.count += n), credentialId: ctx.credentialId });
  const source: BulkSource = fromIndex ? { source: "index", asOf: fromIndex.asOf } : { source: "live" };

  if (!opts.fresh) {
    const hit = results.get(key);
    if (hit) return { kind: "ready", result: shape(access, hit, true) };
  }

  const job = jobs.get(key) ?? startJob(key, { ctx, scope, selection, fresh: !!opts.fresh, timeZone, fromIndex: fromIndex?.fetchPage ?? null, dropped, source });
  return joinJob(job, access, opts);
}

type JobInput = {
  ctx: WhatTalkContext;
  scope: CallScope;
  selection: AnalyticsSelection;
  fresh: boolean;
  timeZone: string;
  /** Pages from the call index (search and index-only filters), instead of WhatTalk. */
  fromIndex: PageFetcher<UpstreamCall> | null;
  /** Calls outside the member's scope left out (counted by whichever reader runs). */
  dropped: { count: number };
  /** Where the calls come from (the result says so). */
  source: BulkSource;
};

/** A new computation under `key`: its result cached when it succeeds, the job forgotten when it ends. */
function startJob(key: string, input: JobInput): Job {
  const abort = new AbortController();
  const j: Job = { key, progress: { fetched: 0, total: 0, resumesAt: null }, listeners: new Set(), subscribers: 0, abort, done: null as unknown as Promise<Computed> };
  const emit = (patch: Partial<AnalyticsProgress>) => {
    j.progress = { ...j.progress, ...patch };
    for (const l of j.listeners) l(j.progress);
  };
  j.done = compute(input, abort.signal, emit);
  j.done.then(
    (computed) => {
      results.set(key, computed);
    },
    (error: unknown) => {
      if (!abort.signal.aborted) logger.warn({ module: "analytics", teamId: input.ctx.teamId, err: { message: (error as Error)?.message } }, "analytics run failed");
    },
  );
  j.done.finally(() => {
    if (jobs.get(key) === j) jobs.delete(key);
    clearTimeout(j.idleTimer);
  }).catch(() => {});
  jobs.set(key, j);
  return j;
}

/** Reads every matching call (refused over ANALYTICS_MAX_CALLS) and aggregates them as pages arrive. */
async function compute({ ctx, scope, selection, fresh, timeZone, fromIndex, dropped, source }: JobInput, signal: AbortSignal, emit: (patch: Partial<AnalyticsProgress>) => void): Promise<Computed> {
  const max = fromIndex ? Infinity : env().ANALYTICS_MAX_CALLS;
  const reader = await openPageReader<UpstreamCall>({
    // A refresh asks WhatTalk itself, not the portal's short response cache.
    fetchPage: fromIndex ?? callPageFetcher(ctx, { scope, answer: "analytics", onDropped: (n) => (dropped.count += n) }, selection, { cache: !fresh }),
    concurrency: env().EXPORT_CONCURRENCY,
    retryDelayMs: bulkRetryDelayMs,
    maxWaitMs: MAX_PAGE_WAIT_MS,
    signal,
    onWait: ({ ms }) => emit({ resumesAt: new Date(Date.now() + ms).toISOString() }),
  });
  const total = reader.first.total;
  if (total > max) {
    await reader.pages.return();
    throw new AppError(
      "BAD_REQUEST",
      `${total.toLocaleString("en-GB")} calls match these filters; analytics are limited to ${max.toLocaleString("en-GB")} calls (${pagesFor(max)} requests to WhatTalk). Choose a shorter date range or add filters.`,
      { details: { reason: "too_many_calls", total, limit: max } },
    );
  }
  emit({ total, resumesAt: null });
  const agg = createAggregator({ from: selection.date_from, to: selection.date_to });
  let requests = 0;
  for await (const batch of reader.pages) {
    requests++;
    for (const call of batch.items) agg.add(call);
    emit({ fetched: batch.delivered, total: Math.max(batch.total, batch.delivered), resumesAt: null });
  }
  return { data: agg.result(), computedAt: new Date().toISOString(), requests: fromIndex ? 0 : requests, droppedOutOfScope: dropped.count, from: selection.date_from, to: selection.date_to, timeZone, source };
}

/** Counts the caller as a listener of the job until its result (or until the caller goes away); a job nobody waits for is abandoned after a grace period. */
function joinJob(current: Job, access: TeamAccess, opts: { onProgress?: (p: AnalyticsProgress) => void; signal?: AbortSignal }): AnalyticsRun {
  current.subscribers++;
  clearTimeout(current.idleTimer);
  const listener = opts.onProgress;
  if (listener) current.listeners.add(listener);
  let left = false;
  const leave = () => {
    if (left) return;
    left = true;
    if (listener) current.listeners.delete(listener);
    current.subscribers--;
    if (current.subscribers <= 0) {
      current.idleTimer = setTimeout(() => {
        if (current.subscribers <= 0) current.abort.abort(new Error("nobody is waiting for these analytics any more"));
      }, ABANDON_GRACE_MS);
    }
  };
  opts.signal?.addEventListener("abort", leave, { once: true });

  if (listener) listener(current.progress);
  const result = current.done.then(
    (c) => {
      leave();
      return shape(access, c, false);
    },
    (error: unknown) => {
      leave();
      throw error;
    },
  );
  return { kind: "running", result };
}

/** For tests: forget cached results. */
export function clearAnalyticsCache(): void {
  results.clear();
}
