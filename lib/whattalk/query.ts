// Query validation: what the client refuses before anything is sent (invalid_request, 0 attempts).
import { z } from "zod";
import { whatTalkErrors } from "./errors";
import { CALL_STATUSES, CALL_TYPES } from "./schemas";

const intParam = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.union([z.number(), z.string().trim().regex(/^\d+$/, "must be a whole number").transform(Number)]).pipe(z.number().int().min(min).max(max));

const ymd = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "is not a valid date");

const emptyToUndefined = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);
const opt = <T extends z.ZodType>(s: T) => z.preprocess(emptyToUndefined, s.optional());

export const ListCallsQuerySchema = z
  .object({
    status: opt(z.enum(CALL_STATUSES)),
    type: opt(z.enum(CALL_TYPES)),
    phone_number: opt(z.string().trim().max(32)),
    assistant_id: opt(intParam(1)),
    campaign_id: opt(intParam(1)),
    date_from: opt(ymd),
    date_to: opt(ymd),
    per_page: opt(intParam(1, 100)),
    page: opt(intParam(1, 1_000_000)),
  })
  .refine((q) => !q.date_from || !q.date_to || q.date_to >= q.date_from, { path: ["date_to"], message: "must not be before date_from" });
export type ListCallsQuery = z.input<typeof ListCallsQuerySchema>;

export const ListAssistantsQuerySchema = z.object({
  per_page: opt(intParam(1, 100)),
  page: opt(intParam(1, 1_000_000)),
});
export type ListAssistantsQuery = z.input<typeof ListAssistantsQuerySchema>;

const CallIdSchema = intParam(1);
export const CallIdInputSchema = z.object({ id: CallIdSchema });

export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  const fields = [...new Set(r.error.issues.map((i) => String(i.path[0] ?? "query")))];
  throw Object.assign(whatTalkErrors.invalidRequest(fields), { attempts: 0 });
}
