// The team's calls from its call index, for selections WhatTalk cannot answer (lib/calls/list-calls.ts routes them here).
import "server-only";
import type { TeamAccess } from "@/lib/auth/team-access";
import { indexStatus, searchIndexedCalls, type IndexScope } from "@/lib/call-index/search";
import { AppError } from "@/lib/errors";
import { parseSearchQuery, type SearchTerm } from "@/lib/search/parse-query";
import { buildSnippet } from "@/lib/search/snippet";
import { selectionOf, type CallFilters } from "@/lib/validation/call-filters";
import { withoutCostKeys, type UpstreamCall } from "@/lib/whattalk";
import { toCallDTO, type CallDTO } from "./dto";
import { assignedNames, callScopeOf, keepInScope, type CallScope } from "./scope";
import type { CallListResult } from "./types";

/** Field errors for cost filters and cost orders from a role without `calls:costs` (none otherwise). */
export function costFilterErrors(access: Pick<TeamAccess, "can">, f: Partial<CallFilters>): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  if (access.can("calls:costs")) return fieldErrors;
  for (const k of ["cost_min", "cost_max"] as const) if (f[k] !== undefined) fieldErrors[k] = ["Your role cannot see costs, so it cannot filter by them."];
  if (f.sort === "cost_high" || f.sort === "cost_low") fieldErrors.sort = ["Your role cannot see costs, so it cannot sort by them."];
  return fieldErrors;
}

/** Cost filters and cost orders without `calls:costs`: 400 with the fields named, before anything runs. */
export function assertCostFilters(access: Pick<TeamAccess, "can">, f: Partial<CallFilters>): void {
  const fieldErrors = costFilterErrors(access, f);
  if (Object.keys(fieldErrors).length) throw new AppError("BAD_REQUEST", "Some filters are invalid.", { fieldErrors });
}

/** The member's scope as SQL (lib/call-index/search/where.ts): assistant ids, and names for calls without one. */
export async function indexScopeOf(scope: CallScope): Promise<IndexScope> {
  if (scope.kind === "all") return { kind: "all" };
  return { kind: "assigned", assistantIds: scope.assistants.map((a) => a.id), names: await assignedNames(scope) };
}

/** Where a call's match is looked for, in order: transcript, variables' values (never cost keys), customer number. */
function matchOf(call: UpstreamCall, terms: readonly SearchTerm[]): CallDTO["match"] {
  const values: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === "string" || typeof v === "number") values.push(String(v));
    else if (v && typeof v === "object") for (const x of Object.values(v)) walk(x);
  };
  walk(withoutCostKeys(call.variables ?? {}));
  const found = buildSnippet([{ text: call.transcript ?? "" }, { text: values.join(" · ") }, { text: call.client_phone_number ?? "", phone: true }], terms);
  return found ?? undefined;
}

/**
 * The team's calls for filters WhatTalk cannot apply (search, evaluation, ranges, other orders),
 * from the team's call index: the member's scope in SQL and re-checked on the rows (fail closed),
 * costs only for `calls:costs`, a snippet of the match for searches, and how fresh the index is.
 */
export async function searchTeamCalls(access: TeamAccess, filters: CallFilters): Promise<CallListResult> {
  assertCostFilters(access, filters);
  const scope = await callScopeOf(access);
  const shape = { timeZone: access.team.timeZone, costs: access.can("calls:costs") };
  const scopeMeta = scope.kind === "assigned" ? { scope: "assigned" as const, assistants: scope.assistants } : { scope: "all" as const };
  if (scope.kind === "assigned" && filters.assistant_id !== undefined && !scope.assistants.some((a) => a.id === filters.assistant_id)) {
    throw new AppError("FORBIDDEN", "You can only see calls of the assistants assigned to you.", { fieldErrors: { assistant_id: ["Not one of your assigned assistants."] } });
  }
  const status = await indexStatus(access);
  const index = { syncedAt: status.syncedAt, ageSeconds: status.ageSeconds, complete: status.complete, reachesBack: status.reachesBack };
  const meta = { cache: "none" as const, fetchedAt: status.syncedAt, ageSeconds: status.ageSeconds, ...scopeMeta, source: "index" as const, index };
  const result = (calls: CallDTO[], total: number, dropped: number, extra: Partial<CallListResult["meta"]> = {}): CallListResult => ({
    calls,
    page: filters.page,
    perPage: filters.per_page,
    total,
    lastPage: Math.max(1, Math.ceil(total / filters.per_page)),
    meta: { ...meta, droppedOutOfScope: dropped, ...extra },
  });
  if (scope.kind === "assigned" && scope.assistants.length === 0) return result([], 0, 0, { emptyReason: "no_assignments" });

  const found = await searchIndexedCalls(access, { timeZone: access.team.timeZone, selection: selectionOf(filters), scope: await indexScopeOf(scope) }, filters.page, filters.per_page);
  // The same fail-closed re-check as every live list (lib/calls/scope.ts), on the rows SQL chose.
  const checked: CallScope = scope.kind === "assigned" && filters.assistant_id !== undefined ? { ...scope, assistants: scope.assistants.filter((a) => a.id === filters.assistant_id) } : scope;
  const { calls, dropped } = await keepInScope(checked, found.calls, "index list");
  const parsed = filters.q ? parseSearchQuery(filters.q) : null;
  const terms = parsed?.ok ? parsed.terms : [];
  const dtos = calls.map((c) => {
    const dto = toCallDTO(c, shape);
    const match = terms.length ? matchOf(c, terms) : undefined;
    return match ? { ...dto, match } : dto;
  });
  return result(dtos, found.total, dropped);
}
