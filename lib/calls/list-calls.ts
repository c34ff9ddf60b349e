import "server-only";
import { scheduleAfterResponse } from "@/lib/after-response";
import type { TeamAccess } from "@/lib/auth/team-access";
import { whatTalkContextForTeam } from "@/lib/credentials/context";
import { learnFromCalls } from "@/lib/directory/learn";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { toUpstreamQuery, usesIndex, type CallFilters } from "@/lib/validation/call-filters";
import { listCalls as upstreamListCalls, type UpstreamCall, type WhatTalkContext } from "@/lib/whattalk";
import { toCallDTO, type CallDTO } from "./dto";
import { CHUNK, FanoutLimitError, mergePage } from "./merge";
import { callScopeOf, keepInScope, type CallScope } from "./scope";
import { searchTeamCalls } from "./search-calls";
import type { CallListResult } from "./types";

/** What WhatTalk answered for one page, before the scope check. */
type Fetched = { calls: UpstreamCall[]; total: number; meta: Pick<CallListResult["meta"], "cache" | "fetchedAt" | "ageSeconds"> };

function pageResult(calls: CallDTO[], f: CallFilters, total: number, meta: CallListResult["meta"]): CallListResult {
  return { calls, page: f.page, perPage: f.per_page, total, lastPage: Math.max(1, Math.ceil(total / f.per_page)), meta };
}

/**
 * The team's calls for the given filters, shaped for the caller's role. Agents only ever get calls
 * of their assigned assistants: an explicit assistant outside them is 403; with several assistants
 * the lists are merged newest first with exact totals and pages, in at most WHATTALK_MAX_FANOUT
 * upstream requests (a page that needs more is refused with 400, saying what to narrow). A search
 * or another index-only filter (`usesIndex`) is answered from the team's call index (./search-calls.ts).
 */
export async function listTeamCalls(access: TeamAccess, filters: CallFilters, opts: { signal?: AbortSignal; cache?: boolean } = {}): Promise<CallListResult> {
  if (usesIndex(filters)) return searchTeamCalls(access, filters);
  const scope = await callScopeOf(access);
  const shape = { timeZone: access.team.timeZone, costs: access.can("calls:costs") };
  const scopeMeta = scope.kind === "assigned" ? { scope: "assigned" as const, assistants: scope.assistants, source: "live" as const } : { scope: "all" as const, source: "live" as const };

  if (scope.kind === "assigned") {
    if (filters.assistant_id !== undefined && !scope.assistants.some((a) => a.id === filters.assistant_id)) {
      throw new AppError("FORBIDDEN", "You can only see calls of the assistants assigned to you.", { fieldErrors: { assistant_id: ["Not one of your assigned assistants."] } });
    }
    if (scope.assistants.length === 0) {
      return pageResult([], filters, 0, { cache: "none", fetchedAt: null, ageSeconds: 0, ...scopeMeta, emptyReason: "no_assignments", droppedOutOfScope: 0 });
    }
  }

  const ctx = await whatTalkContextForTeam(access);
  const streams = streamsFor(scope, filters);
  const fetched = streams.length === 1 ? await singleList(ctx, { ...filters, ...streams[0] }, opts) : await mergedList(ctx, streams, filters, opts);
  // The one exit of every list (API, live refresh, calls page): each call re-checked, fail closed,
  // against the agent's assistants or, when the filter names one, that assistant alone.
  const checked: CallScope = scope.kind === "assigned" && filters.assistant_id !== undefined ? { ...scope, assistants: scope.assistants.filter((a) => a.id === filters.assistant_id) } : scope;
  const { calls, dropped } = await keepInScope(checked, fetched.calls, streams.length === 1 ? "list" : "merged list");
  // After the answer: names the calls carry become directory entries (lib/directory/learn.ts).
  scheduleAfterResponse("directory learning", () => learnFromCalls(access, calls), { teamId: access.team.id });
  return pageResult(
    calls.map((c) => toCallDTO(c, shape)),
    filters,
    fetched.total,
    { ...fetched.meta, ...scopeMeta, droppedOutOfScope: dropped },
  );
}

async function singleList(ctx: WhatTalkContext, filters: CallFilters, opts: { signal?: AbortSignal; cache?: boolean }): Promise<Fetched> {
  const { data, meta } = await upstreamListCalls(ctx, toUpstreamQuery(filters), opts);
  return { calls: data.data, total: data.total, meta: { cache: meta.cache, fetchedAt: meta.fetchedAt, ageSeconds: meta.ageSeconds } };
}

/** One upstream query per assistant the list covers (a single unrestricted query for full access). */
function streamsFor(scope: CallScope, f: CallFilters): { assistant_id?: number }[] {
  if (scope.kind === "all" || f.assistant_id !== undefined) return [{}];
  return scope.assistants.map((a) => ({ assistant_id: a.id }));
}

async function mergedList(ctx: WhatTalkContext, streams: { assistant_id?: number }[], filters: CallFilters, opts: { signal?: AbortSignal; cache?: boolean }): Promise<Fetched> {
  let oldest: { fetchedAt: string; ageSeconds: number } | null = null;
  const maxRequests = env().WHATTALK_MAX_FANOUT;
  let merged;
  try {
    merged = await mergePage<UpstreamCall>(
      streams.length,
      (filters.page - 1) * filters.per_page,
      filters.per_page,
      async (s, index) => {
        const { data, meta } = await upstreamListCalls(ctx, toUpstreamQuery({ ...filters, ...streams[s], per_page: CHUNK, page: index + 1 }), opts);
        if (!oldest || meta.ageSeconds > oldest.ageSeconds) oldest = { fetchedAt: meta.fetchedAt, ageSeconds: meta.ageSeconds };
        return { items: data.data as UpstreamCall[], total: data.total };
      },
      maxRequests,
    );
  } catch (error) {
    if (!(error instanceof FanoutLimitError)) throw error;
    throw new AppError(
      "BAD_REQUEST",
      `This page merges the calls of your ${streams.length} assistants and would take more than ${maxRequests} requests to WhatTalk. Choose one assistant, narrow the date range, or go to an earlier page.`,
      { details: { reason: "fanout_limit", limit: maxRequests, assistants: streams.length } },
    );
  }
  const o = oldest as { fetchedAt: string; ageSeconds: number } | null;
  // A call in two assistants' lists (WhatTalk ignored the filter) is shown once.
  const seen = new Set<number>();
  const calls = merged.items.filter((c) => !seen.has(c.id) && seen.add(c.id));
  return { calls, total: merged.total, meta: { cache: "merged", fetchedAt: o?.fetchedAt ?? null, ageSeconds: o?.ageSeconds ?? 0 } };
}
