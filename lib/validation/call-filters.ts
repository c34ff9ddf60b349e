// The schema of the call filters, built from their descriptor (./call-filter-descriptor) with
// WhatTalk's rules. It parses the calls page's URL, the calls route's query, saved views and the
// export/analytics queries: invalid input never reaches WhatTalk (callers stop with field errors).
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/min";
import { z } from "zod";
import { CALL_FILTERS, FILTER_KEYS, STORED_KEYS, upstreamOf, type CallFilterSpec, type CallFilters, type StoredCallFilters } from "./call-filter-descriptor";
import { parseSearchQuery, MAX_SEARCH_LENGTH } from "@/lib/search/parse-query";
import { DATE_PRESETS, presetRange, type DatePreset } from "@/lib/validation/dates";

export {
  CALL_FILTER,
  CALL_FILTERS,
  CALL_STATUSES,
  CALL_TYPES,
  CALL_FILTERS_SCHEMA_VERSION,
  FILTER_KEYS,
  INDEX_ONLY_KEYS,
  PAGE_SIZES,
  SELECTION_KEYS,
  filtersToSearchParams,
  selectionOf,
  toStoredFilters,
  usesIndex,
  type CallFilters,
  type CallSelection,
  type FilterKey,
  type StoredCallFilters,
} from "./call-filter-descriptor";

export type FilterContext = { country: string; timeZone: string };

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v);

function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 2000 && y <= 2100 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * Normalises a phone number typed as people type it ("0532 123 45 67", "+90 532 ...") to E.164
 * using the team's country. Partial numbers (3+ digits) are kept as digits for a "contains" search.
 * Returns null when the input is not a phone number at all.
 */
export function normalisePhone(input: string, country: string): string | null {
  const raw = input.trim();
  if (!/^[+\d\s().\-/]+$/.test(raw)) return null;
  const digits = raw.replace(/\D/g, "");
  if (digits.length < 3 || digits.length > 15) return null;
  const parsed = parsePhoneNumberFromString(raw, country.toUpperCase() as CountryCode);
  if (parsed?.isValid()) return parsed.number;
  return raw.startsWith("+") ? `+${digits}` : digits;
}

const phoneField = (country: string) =>
  z
    .string({ message: "Phone number must be text." })
    .max(40, "Phone number is too long.")
    .transform((v, c) => {
      const normalised = normalisePhone(v, country);
      if (normalised === null) {
        c.addIssue({ code: "custom", message: "Enter a phone number: at least 3 digits, with spaces, dashes or a leading + if you like." });
        return z.NEVER;
      }
      return normalised;
    });

/** At most this many values in a list filter (outcomes), each at most MAX_LIST_VALUE characters. */
export const MAX_LIST_VALUES = 20;
const MAX_LIST_VALUE = 100;

const searchField = (label: string) =>
  z
    .string({ message: `${label} must be text.` })
    .max(MAX_SEARCH_LENGTH, `${label} is too long: at most ${MAX_SEARCH_LENGTH} characters.`)
    .superRefine((v, c) => {
      const parsed = parseSearchQuery(v);
      if (!parsed.ok) c.addIssue({ code: "custom", message: parsed.message });
    });

/** Several values: comma-separated text (a URL) or an array (JSON); trimmed, blanks and repeats dropped. */
const listField = (label: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.split(",") : v),
    z
      .array(z.string({ message: `${label} values must be text.` }).max(MAX_LIST_VALUE, `${label} values must be at most ${MAX_LIST_VALUE} characters.`), { message: `${label} must be a list of values.` })
      .transform((vs) => [...new Set(vs.map((x) => x.trim()).filter(Boolean))])
      .pipe(z.array(z.string()).max(MAX_LIST_VALUES, `${label}: at most ${MAX_LIST_VALUES} values.`)),
  );

function numberField(spec: CallFilterSpec) {
  const { label, min = -Infinity, max = Infinity } = spec;
  let n = z.coerce.number({ message: `${label} must be a number.` }).refine(Number.isFinite, `${label} must be a number.`);
  if (spec.integer) n = n.refine(Number.isInteger, `${label} must be a whole number.`);
  return n.refine((x) => x >= min && x <= max, `${label} must be between ${min} and ${max}.`);
}

const wholeNumber = (label: string) => z.coerce.number({ message: `${label} must be a number.` }).int(`${label} must be a whole number.`);

/** One schema per kind of filter (./call-filter-descriptor.ts `CallFilterKind`), blanks as unset. */
function fieldSchema(spec: CallFilterSpec, country: string): z.ZodType {
  const { label } = spec;
  switch (spec.kind) {
    case "enum":
      return z.enum(spec.values as [string, ...string[]], { message: `${label} must be one of: ${spec.values?.join(", ")}.` }).optional();
    case "phone":
      return phoneField(country).optional();
    case "id":
      return z.coerce
        .number({ message: `${label} must be a whole number.` })
        .int(`${label} must be a whole number.`)
        .positive(`${label} must be a positive number.`)
        .max(2_147_483_647, `${label} is too large.`)
        .optional();
    case "date":
      return z.string({ message: `${label} must be a date.` }).refine(isRealDate, { message: `${label} must be a real date written YYYY-MM-DD.` }).optional();
    case "datePreset":
      return z.enum(DATE_PRESETS.map((p) => p.id) as [DatePreset, ...DatePreset[]], { message: `${label} must be one of: ${DATE_PRESETS.map((p) => p.id).join(", ")}.` }).optional();
    case "pageSize":
      return wholeNumber(label).min(1, `${label} must be between 1 and 100.`).max(100, `${label} must be between 1 and 100.`).default(spec.default ?? 1);
    case "page":
      return wholeNumber(label).min(1, `${label} must be 1 or more.`).max(1_000_000, `${label} is too large.`).default(spec.default ?? 1);
    case "search":
      return searchField(label).optional();
    case "list":
      return listField(label).optional();
    case "number":
      return numberField(spec).optional();
  }
}

// Building a zod schema (and its first-parse compilation) costs about a millisecond; the schema
// only depends on the team's country, so one is kept per country.
const schemasByCountry = new Map<string, z.ZodType<CallFilters, Record<string, unknown>>>();

export function callFiltersSchema(ctx: Pick<FilterContext, "country">): z.ZodType<CallFilters, Record<string, unknown>> {
  let schema = schemasByCountry.get(ctx.country);
  if (!schema) {
    schema = buildCallFiltersSchema(ctx.country);
    if (schemasByCountry.size >= 500) schemasByCountry.clear();
    schemasByCountry.set(ctx.country, schema);
  }
  return schema;
}

function buildCallFiltersSchema(country: string) {
  const shape = Object.fromEntries((CALL_FILTERS as readonly CallFilterSpec[]).map((spec) => [spec.name, z.preprocess(blankToUndefined, fieldSchema(spec, country))]));
  return z.object(shape).superRefine((f, c) => {
    if (f.date_from && f.date_to && (f.date_to as string) < (f.date_from as string)) {
      c.addIssue({ code: "custom", path: ["date_to"], message: "To date must be on or after the from date." });
    }
    for (const spec of CALL_FILTERS as readonly CallFilterSpec[]) {
      const [lo, hi] = [f[spec.name], spec.pairOf ? f[spec.pairOf] : undefined];
      if (spec.pairOf && typeof lo === "number" && typeof hi === "number" && hi < lo) {
        c.addIssue({ code: "custom", path: [spec.pairOf], message: `${CALL_FILTERS.find((x) => x.name === spec.pairOf)?.label} must be at least the ${spec.label.toLowerCase()}.` });
      }
    }
  }) as unknown as z.ZodType<CallFilters, Record<string, unknown>>;
}

type Parsed<T> = { ok: true; filters: T } | { ok: false; fieldErrors: Record<string, string[]> };

/**
 * Parses filters; returns field errors keyed by filter name instead of throwing. A date preset is
 * resolved in `ctx.timeZone` (default UTC) and takes precedence over explicit dates.
 */
export function parseCallFilters(
  input: Record<string, unknown>,
  ctx: Pick<FilterContext, "country"> & Partial<Pick<FilterContext, "timeZone">>,
  now: Date = new Date(),
): Parsed<CallFilters> {
  const picked = Object.fromEntries(FILTER_KEYS.filter((k) => input[k] !== undefined).map((k) => [k, input[k]]));
  const preset = typeof picked.date_preset === "string" ? picked.date_preset.trim() : "";
  if (preset && DATE_PRESETS.some((p) => p.id === preset)) {
    Object.assign(picked, presetRange(preset as DatePreset, ctx.timeZone ?? "UTC", now));
  }
  const result = callFiltersSchema(ctx).safeParse(picked);
  if (result.success) return { ok: true, filters: result.data };
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) (fieldErrors[String(issue.path[0] ?? "_form")] ??= []).push(issue.message);
  return { ok: false, fieldErrors };
}

/** A saved view's stored filters (./call-filter-descriptor.ts `toStoredFilters`), parsed as the calls page would. */
export function parseStoredFilters(stored: unknown, ctx: Pick<FilterContext, "country"> & Partial<Pick<FilterContext, "timeZone">>, now: Date = new Date()): Parsed<StoredCallFilters & Pick<CallFilters, "per_page">> {
  const input = stored && typeof stored === "object" ? (stored as Record<string, unknown>) : {};
  const result = parseCallFilters(Object.fromEntries(STORED_KEYS.map((k) => [k, input[k]])), ctx, now);
  if (!result.ok) return result;
  return { ok: true, filters: Object.fromEntries(STORED_KEYS.filter((k) => result.filters[k] !== undefined).map((k) => [k, result.filters[k]])) as StoredCallFilters & Pick<CallFilters, "per_page"> };
}

/** The query WhatTalk receives: only set filters, under WhatTalk's names (index-only filters have none). */
export function toUpstreamQuery(f: Partial<CallFilters>): Record<string, string | number> {
  const q: Record<string, string | number> = {};
  for (const spec of CALL_FILTERS as readonly CallFilterSpec[]) {
    const [name, v] = [upstreamOf(spec), f[spec.name as keyof CallFilters]];
    if (name && (typeof v === "string" || typeof v === "number") && v !== "") q[name] = v;
  }
  return q;
}
