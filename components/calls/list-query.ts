// The calls list's URL from raw field values (strings as typed or taken from the URL), through the
// filters' own serialiser (lib/validation/call-filter-descriptor.ts): same names, defaults left
// out. The applied saved view (`view`, see lib/views/links.ts) travels along first, so paging and
// filtering stay in the view. Client-safe.
import { CALL_FILTER, filtersToSearchParams, SELECTION_KEYS, type CallFilters, type FilterKey } from "@/lib/validation/call-filter-descriptor";

export { SELECTION_KEYS };
export type RawFilters = Partial<Record<FilterKey | "view", string>>;
/** Filters that select calls (everything but paging), in the filter bar's order. */
export type SelectionKey = (typeof SELECTION_KEYS)[number];

/** The query string ("" when nothing is set) for raw values; blanks are dropped. */
export function listQuery(raw: RawFilters): string {
  const f: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(raw)) {
    const t = typeof v === "string" ? v.trim() : "";
    if (!t || k === "view") continue;
    // A number with a default (page, page size) as a number, so that the default is left out.
    f[k] = "default" in (CALL_FILTER[k as FilterKey] ?? {}) && /^\d+$/.test(t) ? Number(t) : t;
  }
  const filters = filtersToSearchParams(f as Partial<CallFilters>).toString();
  const view = raw.view?.trim();
  if (!view) return filters;
  const v = new URLSearchParams({ view }).toString();
  return filters ? `${v}&${filters}` : v;
}

export function hasSelection(raw: RawFilters): boolean {
  return SELECTION_KEYS.some((k) => (raw[k] ?? "").trim() !== "");
}
