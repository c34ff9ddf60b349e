// Saved views in the calls list's URL: `?view=<id>&<its filters>`, so an applied view is a
// shareable link. `view=none` shows unfiltered calls even when a default view exists (opening the
// list with no search params at all applies the default). Pure; safe for client bundles.
import { callsListHref } from "@/lib/calls/links";
import { filtersToSearchParams, STORED_KEYS, type CallFilters } from "@/lib/validation/call-filter-descriptor";
import type { SavedViewDTO } from "./types";

export const VIEW_PARAM = "view";
/** `?view=none`: no view, even when a default exists. */
export const NO_VIEW = "none";

/** The stored filters as URL values: parsed ones in canonical form, or (when they no longer validate) as stored. */
export function viewFilterParams(view: Pick<SavedViewDTO, "parsed" | "filters">): URLSearchParams {
  if (view.parsed) return filtersToSearchParams(view.parsed);
  const p = new URLSearchParams();
  for (const k of STORED_KEYS) {
    const v = view.filters[k];
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") {
      if (String(v).trim() !== "") p.set(k, String(v));
    } else if (Array.isArray(v) && v.length > 0) p.set(k, v.map(String).join(","));
  }
  return p;
}

/** The query string that applies a view: `view=<id>` first, then its filters. */
export function viewQuery(view: Pick<SavedViewDTO, "id" | "parsed" | "filters">): string {
  const p = new URLSearchParams({ [VIEW_PARAM]: view.id });
  for (const [k, v] of viewFilterParams(view)) p.append(k, v);
  return p.toString();
}

export function viewHref(teamSlug: string, view: Pick<SavedViewDTO, "id" | "parsed" | "filters">): string {
  return callsListHref(teamSlug, viewQuery(view));
}

/** A canonical key for the filters a view is compared on (selection and page size, defaults left out). */
export function filtersKey(f: Partial<Omit<CallFilters, "page">> | null): string | null {
  if (!f) return null;
  return filtersToSearchParams({ ...f, page: undefined }).toString();
}
