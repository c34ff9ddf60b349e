// The call filters' names, defaults and URL form, without zod or libphonenumber: client components
// (the filter bar, pagination, the views menu) import these, and only these, so that neither library
// is sent to the browser. The schema that parses and validates them is in ./call-filters.
import { CALL_STATUSES, CALL_TYPES } from "@/lib/whattalk/enums";
import type { DatePreset } from "@/lib/validation/dates";

export { CALL_STATUSES, CALL_TYPES };
export const DEFAULT_PER_PAGE = 25;
export const PAGE_SIZES = [10, 25, 50, 100] as const;
/** Bumped when the stored shape of filters changes (saved views record it). */
export const CALL_FILTERS_SCHEMA_VERSION = 1;

export const FILTER_KEYS = ["status", "type", "phone_number", "assistant_id", "campaign_id", "date_from", "date_to", "date_preset", "per_page", "page"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export type CallFilters = {
  status?: (typeof CALL_STATUSES)[number];
  type?: (typeof CALL_TYPES)[number];
  /** E.164 when the input was a full number; otherwise the digits typed (a partial search). */
  phone_number?: string;
  assistant_id?: number;
  campaign_id?: number;
  /** YYYY-MM-DD, a calendar day in the team's time zone (WhatTalk reads it in the account's zone). */
  date_from?: string;
  date_to?: string;
  /**
   * A relative range ("last7", "thisMonth", ...) resolved against today in the team's time zone at
   * every parse, so a saved view of "this week" stays this week. When set, date_from/date_to hold
   * its resolution.
   */
  date_preset?: DatePreset;
  per_page: number;
  page: number;
};

/** URL search params for filters, leaving out defaults (page 1, default page size). */
export function filtersToSearchParams(f: Partial<CallFilters>, extra: Record<string, string | undefined> = {}): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = f[k];
    if (v === undefined || v === null || v === "") continue;
    if (k === "page" && v === 1) continue;
    if (k === "per_page" && v === DEFAULT_PER_PAGE) continue;
    // A preset travels as itself: its dates are worked out again on every parse.
    if ((k === "date_from" || k === "date_to") && f.date_preset) continue;
    p.set(k, String(v));
  }
  for (const [k, v] of Object.entries(extra)) if (v) p.set(k, v);
  return p;
}

/** The filters that select calls (everything except paging). */
export function selectionOf(f: Partial<CallFilters>): Omit<CallFilters, "page" | "per_page"> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { page, per_page, ...rest } = f;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== "")) as Omit<CallFilters, "page" | "per_page">;
}
