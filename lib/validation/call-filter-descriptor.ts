// The one description of the call filters: for each, its kind, WhatTalk parameter, label, who is
// offered it and how it travels in URLs, saved views and export file names. Zod-free (client
// components import it); the schema built from it is in ./call-filters, server side.
import type { Scope } from "@/lib/rbac";
import type { DatePreset } from "@/lib/validation/dates";
import { CALL_STATUSES, CALL_TYPES } from "@/lib/whattalk/enums";

export { CALL_STATUSES, CALL_TYPES };
/** Bumped when the stored shape of filters changes (saved views record it). */
export const CALL_FILTERS_SCHEMA_VERSION = 1;

/** How a filter is written and checked (lib/validation/call-filters.ts has one schema per kind). */
export type CallFilterKind = "enum" | "phone" | "id" | "date" | "datePreset" | "pageSize" | "page";

export type CallFilterSpec = {
  /** Its name in URLs, saved views and parsed filters. */
  name: string;
  kind: CallFilterKind;
  /** WhatTalk's query parameter; null when the portal resolves it into others (a preset into dates). */
  upstream: string | null;
  /** Names it in field errors. */
  label: string;
  /** Offered to members with any of these scopes: the calls page (either calls scope), analytics. */
  scopes: readonly Scope[];
  /** "paging" filters are not part of a selection of calls (analytics, exports, the clear button). */
  role: "selection" | "paging";
  /** Whether a saved view keeps it (a view has a page size, not a page). */
  stored: boolean;
  /** Left out of URLs and saved views while that filter is set: it is worked out from it on every parse. */
  impliedBy?: string;
  /** The value left out of URLs. */
  default?: number;
  /** Its place in the CSV export's file name (`<team>_calls_<start>_<end>.csv`). */
  fileName?: "start" | "end";
  values?: readonly string[];
  /** The choice that sets no filter. */
  anyLabel?: string;
  choices?: readonly number[];
};

const CALLS = ["calls:read:all", "calls:read:assigned"] as const satisfies readonly Scope[];
const CALLS_AND_ANALYTICS = [...CALLS, "analytics:read"] as const satisfies readonly Scope[];

/** In this order in URLs (and in the parsed filters). */
export const CALL_FILTERS = [
  { name: "status", kind: "enum", values: CALL_STATUSES, anyLabel: "Any status", upstream: "status", label: "Status", scopes: CALLS_AND_ANALYTICS, role: "selection", stored: true },
  { name: "type", kind: "enum", values: CALL_TYPES, anyLabel: "Any type", upstream: "type", label: "Type", scopes: CALLS_AND_ANALYTICS, role: "selection", stored: true },
  // E.164 when the input was a full number; otherwise the digits typed (a partial search).
  { name: "phone_number", kind: "phone", upstream: "phone_number", label: "Customer phone", scopes: CALLS_AND_ANALYTICS, role: "selection", stored: true },
  // An agent (calls:read:assigned) may name only an assistant assigned to them (lib/calls/list-calls.ts).
  { name: "assistant_id", kind: "id", upstream: "assistant_id", label: "Assistant", scopes: CALLS_AND_ANALYTICS, role: "selection", stored: true },
  { name: "campaign_id", kind: "id", upstream: "campaign_id", label: "Campaign", scopes: CALLS_AND_ANALYTICS, role: "selection", stored: true },
  // Calendar days (YYYY-MM-DD) in the team's time zone: WhatTalk reads them in the account's zone.
  { name: "date_from", kind: "date", upstream: "date_from", label: "From date", scopes: CALLS_AND_ANALYTICS, role: "selection", stored: true, impliedBy: "date_preset", fileName: "start" },
  { name: "date_to", kind: "date", upstream: "date_to", label: "To date", scopes: CALLS_AND_ANALYTICS, role: "selection", stored: true, impliedBy: "date_preset", fileName: "end" },
  // A relative range ("last7", "thisMonth", ...) resolved against today in the team's time zone at
  // every parse into date_from/date_to, so a saved view of "this week" stays this week. Analytics
  // offers presets as links to their dates.
  { name: "date_preset", kind: "datePreset", upstream: null, label: "Date range", scopes: CALLS, role: "selection", stored: true },
  { name: "per_page", kind: "pageSize", upstream: "per_page", label: "Page size", scopes: CALLS, role: "paging", stored: true, default: 25, choices: [10, 25, 50, 100] },
  { name: "page", kind: "page", upstream: "page", label: "Page", scopes: CALLS, role: "paging", stored: false, default: 1 },
] as const satisfies readonly CallFilterSpec[];

type Spec = (typeof CALL_FILTERS)[number];
export type FilterKey = Spec["name"];

type ValueOf<S extends Spec> = S extends { kind: "enum"; values: readonly (infer V)[] } ? V : S extends { kind: "id" | "pageSize" | "page" } ? number : S extends { kind: "datePreset" } ? DatePreset : string;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
/** Parsed filters: those with a default always set, the others when given. */
export type CallFilters = Simplify<{ [S in Spec as S extends { default: number } ? S["name"] : never]: ValueOf<S> } & { [S in Spec as S extends { default: number } ? never : S["name"]]?: ValueOf<S> }>;
/** The filters that select calls (everything except paging). */
export type CallSelection = Omit<CallFilters, PagingKey>;
/** What a saved view stores. */
export type StoredCallFilters = Omit<Partial<CallFilters>, Exclude<FilterKey, StoredKey>>;

type PagingKey = Extract<Spec, { role: "paging" }>["name"];
type StoredKey = Extract<Spec, { stored: true }>["name"];

/** Each filter by name. */
export const CALL_FILTER = Object.fromEntries(CALL_FILTERS.map((f) => [f.name, f])) as { [S in Spec as S["name"]]: S };
export const FILTER_KEYS: readonly FilterKey[] = CALL_FILTERS.map((f) => f.name);
export const SELECTION_KEYS = CALL_FILTERS.filter((f) => f.role === "selection").map((f) => f.name) as Exclude<FilterKey, PagingKey>[];
export const STORED_KEYS = CALL_FILTERS.filter((f) => f.stored).map((f) => f.name) as StoredKey[];
export const DEFAULT_PER_PAGE = CALL_FILTER.per_page.default;
export const PAGE_SIZES = CALL_FILTER.per_page.choices;

type KeysFor<S extends Scope> = Spec extends infer K ? (K extends Spec ? (S extends K["scopes"][number] ? K["name"] : never) : never) : never;

/** The filters offered to a member with `scope`, in URL order. */
export function filterKeysFor<S extends Scope>(scope: S): KeysFor<S>[] {
  return CALL_FILTERS.filter((f) => (f.scopes as readonly Scope[]).includes(scope)).map((f) => f.name as KeysFor<S>);
}

const isSet = (v: unknown) => v !== undefined && v !== null && v !== "";

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
    p.set(spec.name, String(v));
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
    (CALL_FILTERS as readonly CallFilterSpec[]).filter((spec) => spec.stored && isSet(f[spec.name as FilterKey]) && !implied(spec, f)).map((spec) => [spec.name, f[spec.name as FilterKey]]),
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
