// The one schema for call filters, with WhatTalk's names and rules. It parses the calls page's URL
// search params, the calls route handler's query, saved views and the export/analytics queries.
// Invalid input never reaches WhatTalk: callers parse first and stop with field errors.
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/min";
import { z } from "zod";
import { CALL_STATUSES, CALL_TYPES, DEFAULT_PER_PAGE, FILTER_KEYS, type CallFilters } from "./call-filter-keys";
import { DATE_PRESETS, presetRange, type DatePreset } from "@/lib/validation/dates";

export {
  CALL_STATUSES,
  CALL_TYPES,
  CALL_FILTERS_SCHEMA_VERSION,
  DEFAULT_PER_PAGE,
  FILTER_KEYS,
  PAGE_SIZES,
  filtersToSearchParams,
  selectionOf,
  type CallFilters,
  type FilterKey,
} from "./call-filter-keys";

/** The filters WhatTalk itself knows (a date preset is the portal's: it becomes date_from/date_to). */
const UPSTREAM_KEYS = FILTER_KEYS.filter((k) => k !== "date_preset");

export type FilterContext = { country: string; timeZone: string };

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v);

function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 2000 && y <= 2100 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const dateField = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ message: `${label} must be a date.` })
      .refine(isRealDate, { message: `${label} must be a real date written YYYY-MM-DD.` })
      .optional(),
  );

const idField = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ message: `${label} must be a whole number.` })
      .int(`${label} must be a whole number.`)
      .positive(`${label} must be a positive number.`)
      .max(2_147_483_647, `${label} is too large.`)
      .optional(),
  );

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
  const ctx = { country };
  return z
    .object({
      status: z.preprocess(blankToUndefined, z.enum(CALL_STATUSES, { message: `Status must be one of: ${CALL_STATUSES.join(", ")}.` }).optional()),
      type: z.preprocess(blankToUndefined, z.enum(CALL_TYPES, { message: `Type must be one of: ${CALL_TYPES.join(", ")}.` }).optional()),
      phone_number: z.preprocess(
        blankToUndefined,
        z
          .string({ message: "Phone number must be text." })
          .max(40, "Phone number is too long.")
          .transform((v, c) => {
            const normalised = normalisePhone(v, ctx.country);
            if (normalised === null) {
              c.addIssue({ code: "custom", message: "Enter a phone number: at least 3 digits, with spaces, dashes or a leading + if you like." });
              return z.NEVER;
            }
            return normalised;
          })
          .optional(),
      ),
      assistant_id: idField("Assistant"),
      campaign_id: idField("Campaign"),
      date_from: dateField("From date"),
      date_to: dateField("To date"),
      date_preset: z.preprocess(
        blankToUndefined,
        z.enum(DATE_PRESETS.map((p) => p.id) as [DatePreset, ...DatePreset[]], { message: `Date range must be one of: ${DATE_PRESETS.map((p) => p.id).join(", ")}.` }).optional(),
      ),
      per_page: z.preprocess(
        blankToUndefined,
        z.coerce
          .number({ message: "Page size must be a number." })
          .int("Page size must be a whole number.")
          .min(1, "Page size must be between 1 and 100.")
          .max(100, "Page size must be between 1 and 100.")
          .default(DEFAULT_PER_PAGE),
      ),
      page: z.preprocess(
        blankToUndefined,
        z.coerce.number({ message: "Page must be a number." }).int("Page must be a whole number.").min(1, "Page must be 1 or more.").max(1_000_000, "Page is too large.").default(1),
      ),
    })
    .superRefine((f, c) => {
      if (f.date_from && f.date_to && f.date_to < f.date_from) {
        c.addIssue({ code: "custom", path: ["date_to"], message: "To date must be on or after the from date." });
      }
    }) as unknown as z.ZodType<CallFilters, Record<string, unknown>>;
}

/**
 * Parses filters; returns field errors keyed by filter name instead of throwing. A date preset is
 * resolved in `ctx.timeZone` (default UTC) and takes precedence over explicit dates.
 */
export function parseCallFilters(
  input: Record<string, unknown>,
  ctx: Pick<FilterContext, "country"> & Partial<Pick<FilterContext, "timeZone">>,
  now: Date = new Date(),
): { ok: true; filters: CallFilters } | { ok: false; fieldErrors: Record<string, string[]> } {
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

/** The query WhatTalk receives: only set filters, upstream names. */
export function toUpstreamQuery(f: CallFilters): Record<string, string | number> {
  const q: Record<string, string | number> = {};
  for (const k of UPSTREAM_KEYS) {
    const v = f[k];
    if (v !== undefined && v !== null && v !== "") q[k] = v;
  }
  return q;
}
