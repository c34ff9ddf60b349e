// The calls list's URL from raw field values (strings as typed or taken from the URL), through the
// one filter schema's own serialiser: same names, defaults left out. The applied saved view
// (`view`, see lib/views/links.ts) travels along first, so paging and filtering stay in the view.
// Client-safe.
import { filtersToSearchParams, type CallFilters, type FilterKey } from "@/lib/validation/call-filter-keys";

export type RawFilters = Partial<Record<FilterKey | "view", string>>;

/** Filters that select calls (everything but paging), in the filter bar's order. */
export const SELECTION_KEYS = ["status", "type", "phone_number", "assistant_id", "campaign_id", "date_from", "date_to", "date_preset"] as const satisfies readonly FilterKey[];
export type SelectionKey = (typeof SELECTION_KEYS)[number];

/** The query string ("" when nothing is set) for raw values; blanks are dropped. */
export function listQuery(raw: RawFilters): string {
  const f: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(raw)) {
    const t = typeof v === "string" ? v.trim() : "";
    if (!t || k === "view") continue;
    f[k] = (k === "page" || k === "per_page") && /^\d+$/.test(t) ? Number(t) : t;
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
