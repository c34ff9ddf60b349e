import "server-only";
import type { TeamAccess } from "@/lib/auth/team-access";
import type { CallScope } from "@/lib/calls/scope";
import { costFilterErrors } from "@/lib/calls/search-calls";
import { FILTER_KEYS, parseCallFilters, type CallFilters, type FilterContext } from "@/lib/validation/call-filters";
import type { FilterKey } from "@/lib/validation/call-filter-descriptor";
import { NO_VIEW } from "./links";
import { listViews } from "./list-views";
import type { SavedViewDTO, ViewsList } from "./types";

/** Raw field values as in the URL (components/calls/list-query.ts `RawFilters`). */
export type RawFilterValues = Partial<Record<FilterKey | "view", string>>;

/** What the calls page shows for its URL: the saved view applied (if any) and the filters to list with. */
export type ResolvedCallsView = {
  views: ViewsList;
  applied: SavedViewDTO | null;
  /** The URL names a view that is not there (deleted, or someone's personal view). */
  viewMissing: boolean;
  hasDefault: boolean;
  /** The `view` links on the page keep: the applied view; without one, `none` keeps a default from coming back. */
  viewValue: string | undefined;
  /** The URL's filters and `viewValue`; `shownValues` as the bar shows them (without a dropped assistant). */
  values: RawFilterValues;
  shownValues: RawFilterValues;
  /** The URL's filters, parsed (null when invalid), to compare with the applied view. */
  parsedFilters: CallFilters | null;
  fieldErrors: Record<string, string[]>;
  /** The filters to list calls with; null when something needs fixing first. */
  filters: CallFilters | null;
  /** A view's assistant that is not assigned to the agent, left out of `filters`. */
  droppedAssistant: number | null;
  /** A view whose stored filters need fixing: its messages, and the values to start fixing from while it is blocked. */
  problem: { messages: string[]; editValues: RawFilterValues | null } | null;
};

/** Resolves the calls page's URL against the member's saved views and call scope. */
export async function resolveCallsView(access: TeamAccess, raw: Record<string, string>, scope: CallScope): Promise<ResolvedCallsView> {
  const views = await listViews(access);
  // The saved view in the URL: one of mine or a team view; anything else is reported, not applied.
  const viewParam = raw.view?.trim() || undefined;
  const applied = viewParam && viewParam !== NO_VIEW ? ([...views.mine, ...views.team].find((v) => v.id === viewParam) ?? null) : null;
  const hasDefault = !!(views.defaults.user ?? views.defaults.team);
  const viewValue = applied ? applied.id : viewParam || hasDefault ? NO_VIEW : undefined;
  const urlValues: RawFilterValues = Object.fromEntries(FILTER_KEYS.filter((k) => raw[k] !== undefined).map((k) => [k, raw[k]]));
  const values: RawFilterValues = { ...urlValues, view: viewValue };
  const checked = checkFilters(access, raw, urlValues, applied, scope);
  return {
    views,
    applied,
    viewMissing: !!viewParam && viewParam !== NO_VIEW && !applied,
    hasDefault,
    viewValue,
    values,
    shownValues: checked.droppedAssistant !== null ? { ...values, assistant_id: undefined } : values,
    parsedFilters: checked.parsedFilters,
    fieldErrors: checked.fieldErrors,
    filters: checked.filters,
    droppedAssistant: checked.droppedAssistant,
    problem: applied?.problem
      ? {
          messages: [...new Set(Object.values(applied.problem).flat())],
          editValues: checked.viewBlocked ? { ...validParts(withoutKeys(urlValues, checked.staleKeys), access.team), view: applied.id } : null,
        }
      : null,
  };
}

/**
 * Invalid filters never reach WhatTalk: the bar shows what to fix. An agent's assistant outside
 * their assignments is caught here the same way (the service would refuse it with 403), except
 * when it comes with a saved view: a view never widens access, it is narrowed to the agent's own
 * assistants with a note.
 */
function checkFilters(access: TeamAccess, raw: Record<string, string>, urlValues: RawFilterValues, applied: SavedViewDTO | null, scope: CallScope) {
  const parsed = parseCallFilters(raw, access.team);
  // A view whose stored filters need fixing (./dto.ts `problem`) is not applied while the URL still
  // carries them: invalid values (the URL's filters do not parse), or an assistant or campaign no
  // longer in the team's directory (valid, but it would quietly match nothing, or read as "not
  // assigned to you" for an agent). The toolbar explains and links to the rest.
  const staleKeys = applied?.problem ? Object.keys(applied.problem).filter((k) => k in urlValues && String(raw[k]) === String(applied.filters[k] ?? "")) : [];
  const viewBlocked = !!applied?.problem && (!parsed.ok || staleKeys.length > 0);
  // Cost filters and orders from a role without costs are refused by the service; shown in the bar here.
  let fieldErrors: Record<string, string[]> = parsed.ok ? (viewBlocked ? Object.fromEntries(staleKeys.map((k) => [k, applied?.problem?.[k] ?? []])) : costFilterErrors(access, parsed.filters)) : parsed.fieldErrors;
  let effective: CallFilters | null = parsed.ok && !viewBlocked ? parsed.filters : null;
  let droppedAssistant: number | null = null;
  if (effective && scope.kind === "assigned" && effective.assistant_id !== undefined && !scope.assistants.some((a) => a.id === effective?.assistant_id)) {
    if (applied) {
      droppedAssistant = effective.assistant_id;
      effective = { ...effective, assistant_id: undefined };
    } else {
      fieldErrors = { assistant_id: ["Not one of your assigned assistants: you can only see their calls."] };
    }
  }
  const filters = effective && Object.keys(fieldErrors).length === 0 ? effective : null;
  return { parsedFilters: parsed.ok ? parsed.filters : null, staleKeys, viewBlocked, fieldErrors, filters, droppedAssistant };
}

function withoutKeys(values: RawFilterValues, keys: string[]): RawFilterValues {
  return Object.fromEntries(Object.entries(values).filter(([k]) => !keys.includes(k)));
}

/** A broken view's filters without the invalid ones, to start fixing it from. */
function validParts(values: RawFilterValues, ctx: Pick<FilterContext, "country" | "timeZone">): RawFilterValues {
  let v: RawFilterValues = { ...values, page: undefined };
  for (let i = 0; i < FILTER_KEYS.length; i++) {
    const result = parseCallFilters(v, ctx);
    if (result.ok) return v;
    const bad = Object.keys(result.fieldErrors).filter((k) => k in v);
    if (!bad.length) return {};
    v = Object.fromEntries(Object.entries(v).filter(([k]) => !bad.includes(k)));
  }
  return {};
}
