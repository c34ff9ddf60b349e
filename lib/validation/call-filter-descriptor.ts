// The one description of the call filters: for each, its kind, WhatTalk parameter, label, who is
// offered it and how it travels in URLs, saved views and export file names. Zod-free (client
// components import it); the schema built from it is in ./call-filters, server side.
import type { Scope } from "@/lib/rbac";
import type { DatePreset } from "@/lib/validation/dates";
import { CALL_STATUSES, CALL_TYPES } from "@/lib/whattalk/enums";

export { CALL_STATUSES, CALL_TYPES };
/** Bumped when the stored shape of filters changes (saved views record it). */
export const CALL_FILTERS_SCHEMA_VERSION = 2;

/** How a filter is written and checked (lib/validation/call-filters.ts has one schema per kind). */
export type CallFilterKind = "enum" | "phone" | "id" | "date" | "datePreset" | "pageSize" | "page" | "search" | "list" | "number";

/** A filter. Left out, a field takes the value its comment names (the list below stays short: the browser loads it). */
export type CallFilterSpec = {
  /** Its name in URLs, saved views and parsed filters. */
  name: string;
  kind: CallFilterKind;
  /** Names it in field errors and in the bars. */
  label: string;
  /** WhatTalk's query parameter (default: the name); null when the portal resolves it into others (a preset into dates). */
  upstream?: string | null;
  /** Offered to members with any of these scopes (default: both calls scopes and analytics:read). */
  scopes?: readonly Scope[];
  /** Pages through calls rather than selecting them: left out of a selection (analytics, exports, "Clear filters"). */
  paging?: true;
  /** Whether a saved view keeps it (default: true; a view has a page size, not a page). */
  stored?: false;
  /** Left out of URLs and saved views while that filter is set: it is worked out from it on every parse. */
  impliedBy?: string;
  /** The value left out of URLs. */
  default?: number;
  /** Its place in the CSV export's file name (`<team>_calls_<start>_<end>.csv`). */
  fileName?: "start" | "end";
  /** enum: the allowed values ("Any <label>" sets no filter). */
  values?: readonly string[];
  choices?: readonly number[];
  /** WhatTalk cannot filter by it: set, the list comes from the team's call index (upstream null). */
  indexOnly?: true;
  /** number: the bounds and whether only whole numbers; `pairOf` names the range's other end (min ≤ max). */
  min?: number;
  max?: number;
  integer?: true;
  pairOf?: string;
};

const CALLS = ["calls:read:all", "calls:read:assigned"] as const satisfies readonly Scope[];
const COSTS = ["calls:costs"] as const satisfies readonly Scope[];
/** Call sentiments the index filters by (stored lower case). */
export const SENTIMENTS = ["positive", "neutral", "negative"] as const;
export const ANSWERED_BY = ["human", "machine"] as const;
/** Orders of an index list; "newest" (the default, WhatTalk's own order) is left out of URLs. Cost orders need `calls:costs`. */
export const CALL_SORTS = ["newest", "oldest", "longest", "shortest", "score_high", "score_low", "cost_high", "cost_low"] as const;
// Spelled out rather than spread from CALLS: a spread stays in the browser bundle even when unused.
const DEFAULT_SCOPES = ["calls:read:all", "calls:read:assigned", "analytics:read"] as const satisfies readonly Scope[];
type DefaultScope = (typeof DEFAULT_SCOPES)[number];

/** In this order in URLs (and in the parsed filters). */
export const CALL_FILTERS = [
  { name: "status", kind: "enum", label: "Status", values: CALL_STATUSES },
  { name: "type", kind: "enum", label: "Type", values: CALL_TYPES },
  // E.164 when the input was a full number; otherwise the digits typed (a partial search).
  { name: "phone_number", kind: "phone", label: "Customer phone" },
  // An agent (calls:read:assigned) may name only an assistant assigned to them (lib/calls/list-calls.ts).
  { name: "assistant_id", kind: "id", label: "Assistant" },
  { name: "campaign_id", kind: "id", label: "Campaign" },
  // Calendar days (YYYY-MM-DD) in the team's time zone: WhatTalk reads them in the account's zone.
  { name: "date_from", kind: "date", label: "From date", impliedBy: "date_preset", fileName: "start" },
  { name: "date_to", kind: "date", label: "To date", impliedBy: "date_preset", fileName: "end" },
  // A relative range ("last7", "thisMonth", ...) resolved against today in the team's time zone at
  // every parse into date_from/date_to, so a saved view of "this week" stays this week. Analytics
  // offers presets as links to their dates.
  { name: "date_preset", kind: "datePreset", label: "Date range", upstream: null, scopes: CALLS },
  // Index-only filters (lib/call-index): the list comes from the team's searchable copy of its calls.
  // q: words, "phrases", -exclusions over transcripts, variables' values and phone digits (lib/search).
  { name: "q", kind: "search", label: "Search", upstream: null, indexOnly: true, scopes: CALLS },
  { name: "sentiment", kind: "enum", label: "Sentiment", values: SENTIMENTS, upstream: null, indexOnly: true, scopes: CALLS },
  // Several outcomes, comma-separated in URLs.
  { name: "outcome", kind: "list", label: "Outcome", upstream: null, indexOnly: true, scopes: CALLS },
  { name: "score_min", kind: "number", label: "Min score", upstream: null, indexOnly: true, min: -1_000_000, max: 1_000_000, pairOf: "score_max", scopes: CALLS },
  { name: "score_max", kind: "number", label: "Max score", upstream: null, indexOnly: true, min: -1_000_000, max: 1_000_000, scopes: CALLS },
  // Seconds.
  { name: "duration_min", kind: "number", label: "Min duration", upstream: null, indexOnly: true, min: 0, max: 86_400, integer: true, pairOf: "duration_max", scopes: CALLS },
  { name: "duration_max", kind: "number", label: "Max duration", upstream: null, indexOnly: true, min: 0, max: 86_400, integer: true, scopes: CALLS },
  { name: "answered_by", kind: "enum", label: "Answered by", values: ANSWERED_BY, upstream: null, indexOnly: true, scopes: CALLS },
  // Only for calls:costs: the server refuses them (and cost orders) for other roles (lib/calls).
  { name: "cost_min", kind: "number", label: "Min cost", upstream: null, indexOnly: true, min: 0, max: 1_000_000, pairOf: "cost_max", scopes: COSTS },
  { name: "cost_max", kind: "number", label: "Max cost", upstream: null, indexOnly: true, min: 0, max: 1_000_000, scopes: COSTS },
  { name: "sort", kind: "enum", label: "Sort", values: CALL_SORTS, upstream: null, indexOnly: true, scopes: CALLS },
  { name: "per_page", kind: "pageSize", label: "Page size", scopes: CALLS, paging: true, default: 25, choices: [10, 25, 50, 100] },
  { name: "page", kind: "page", label: "Page", scopes: CALLS, paging: true, stored: false, default: 1 },
] as const satisfies readonly CallFilterSpec[];

/** WhatTalk's parameter for a filter (null: none, the portal resolves it). */
export const upstreamOf = (spec: CallFilterSpec): string | null => (spec.upstream === undefined ? spec.name : spec.upstream);
const offeredTo = (spec: CallFilterSpec): readonly Scope[] => spec.scopes ?? DEFAULT_SCOPES;

type Spec = (typeof CALL_FILTERS)[number];
export type FilterKey = Spec["name"];

type ValueOf<S extends Spec> = S extends { kind: "enum"; values: readonly (infer V)[] }
  ? V
  : S extends { kind: "id" | "pageSize" | "page" | "number" }
    ? number
    : S extends { kind: "datePreset" }
      ? DatePreset
      : S extends { kind: "list" }
        ? string[]
        : string;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
/** Parsed filters: those with a default always set, the others when given. */
export type CallFilters = Simplify<{ [S in Spec as S extends { default: number } ? S["name"] : never]: ValueOf<S> } & { [S in Spec as S extends { default: number } ? never : S["name"]]?: ValueOf<S> }>;
/** The filters that select calls (everything except paging). */
export type CallSelection = Omit<CallFilters, PagingKey>;
/** What a saved view stores. */
export type StoredCallFilters = Omit<Partial<CallFilters>, Exclude<FilterKey, StoredKey>>;

type PagingKey = Extract<Spec, { paging: true }>["name"];
type StoredKey = Exclude<FilterKey, Extract<Spec, { stored: false }>["name"]>;

/** Each filter by name. */
export const CALL_FILTER = /*#__PURE__*/ Object.fromEntries(CALL_FILTERS.map((f) => [f.name, f])) as { [S in Spec as S["name"]]: S };
export const FILTER_KEYS: readonly FilterKey[] = /*#__PURE__*/ CALL_FILTERS.map((f) => f.name);
export const SELECTION_KEYS = /*#__PURE__*/ (CALL_FILTERS as readonly CallFilterSpec[]).filter((f) => !f.paging).map((f) => f.name) as Exclude<FilterKey, PagingKey>[];
export const STORED_KEYS = /*#__PURE__*/ (CALL_FILTERS as readonly CallFilterSpec[]).filter((f) => f.stored !== false).map((f) => f.name) as StoredKey[];
export const PAGE_SIZES = CALL_FILTER.per_page.choices;

type ScopesOf<K> = K extends { scopes: readonly (infer X)[] } ? X : DefaultScope;
type KeysFor<S extends Scope> = Spec extends infer K ? (K extends Spec ? (S extends ScopesOf<K> ? K["name"] : never) : never) : never;

/** The filters offered to a member with `scope`, in URL order. */
export function filterKeysFor<S extends Scope>(scope: S): KeysFor<S>[] {
  return (CALL_FILTERS as readonly CallFilterSpec[]).filter((f) => offeredTo(f).includes(scope)).map((f) => f.name as KeysFor<S>);
}

const isSet = (v: unknown) => v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0);

/** The filters that only the call index answers (WhatTalk has no parameter for them). */
export const INDEX_ONLY_KEYS = /*#__PURE__*/ (CALL_FILTERS as readonly CallFilterSpec[]).filter((f) => f.indexOnly).map((f) => f.name) as FilterKey[];

/** Whether a selection needs the call index: an index-only filter is set (a sort other than newest counts). */
export function usesIndex(f: Partial<CallFilters>): boolean {
  return INDEX_ONLY_KEYS.some((k) => isSet(f[k]) && !(k === "sort" && f.sort === "newest"));
}

/** Whether a filter's value is left out of URLs and saved views (worked out from another filter). */
function implied(spec: CallFilterSpec, f: Partial<Record<FilterKey, unknown>>): boolean {
  return !!spec.impliedBy && isSet(f[spec.impliedBy as FilterKey]);
}

/** URL search params for filters, leaving out defaults (page 1, default page size) and implied values. */
export function filtersToSearchParams(f: Partial<CallFilters>, extra: Record<string, string | undefined> = {}): URLSearchParams {
  const p = new URLSearchParams();
  for (const spec of CALL_FILTERS as readonly CallFilterSpec[]) {
    const v = f[spec.name as FilterKey];
    if (!isSet(v) || v === spec.default || implied(spec, f)) continue;
    p.set(spec.name, Array.isArray(v) ? v.join(",") : String(v));
  }
  for (const [k, v] of Object.entries(extra)) if (v) p.set(k, v);
  return p;
}

/** The filters that select calls (everything except paging). */
export function selectionOf(f: Partial<CallFilters>): CallSelection {
  return Object.fromEntries(SELECTION_KEYS.filter((k) => isSet(f[k])).map((k) => [k, f[k]])) as CallSelection;
}

/** Filters as a saved view stores them: a relative range as itself ("last 7 days" stays relative), no page. */
export function toStoredFilters(f: Partial<CallFilters>): StoredCallFilters {
  return Object.fromEntries(
    (CALL_FILTERS as readonly CallFilterSpec[]).filter((spec) => spec.stored !== false && isSet(f[spec.name as FilterKey]) && !implied(spec, f)).map((spec) => [spec.name, f[spec.name as FilterKey]]),
  ) as StoredCallFilters;
}

/** The start and end of the selection's range as the export's file name shows them. */
export function fileNameRange(selection: Partial<CallSelection>): { start?: string; end?: string } {
  const range: { start?: string; end?: string } = {};
  for (const spec of CALL_FILTERS as readonly CallFilterSpec[]) {
    const v = selection[spec.name as keyof CallSelection];
    if (spec.fileName && isSet(v)) range[spec.fileName] = String(v);
  }
  return range;
}
