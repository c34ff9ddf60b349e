// Zod schemas for WhatTalk's answers (call, paginator, assistants, errors), used only by the client.
// What is tolerated and what is strict: docs/design-notes.md.
import { z } from "zod";

import { LIVE_CALL_STATUSES } from "./enums";

export { CALL_STATUSES, CALL_TYPES, LIVE_CALL_STATUSES, type KnownCallStatus, type KnownCallType } from "./enums";

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().default(null);

const id = z.number().int().nonnegative();
const text = nullable(z.string());
const numericString = z
  .string()
  .trim()
  .regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/, "must be numeric")
  .transform(Number);
/** A number, or a numeric string read as a number. */
const numberish = z.union([z.number(), numericString]).pipe(z.number().finite());

/** A free-form JSON object; PHP's `[]` (and any list) reads as an object keyed by index. */
const phpObject = z
  .union([z.record(z.string(), z.unknown()), z.array(z.unknown())])
  .transform((v): Record<string, unknown> => (Array.isArray(v) ? Object.fromEntries(v.map((item, i) => [String(i), item])) : v));

const lenientString = z.unknown().transform((v) => (typeof v === "string" ? v : null));
const lenientScore = z.unknown().transform((v): number | null => {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return null;
});

export const EvaluationSchema = phpObject.transform((o) => ({
  ...o,
  sentiment: lenientString.parse(o.sentiment),
  outcome: lenientString.parse(o.outcome),
  score: lenientScore.parse(o.score),
}));
export type UpstreamEvaluation = z.output<typeof EvaluationSchema>;

export const CallSchema = z
  .object({
    id,
    assistant_name: text,
    campaign_name: text,
    type: text,
    duration: nullable(z.number().nonnegative()),
    assistant_phone_number: text,
    client_phone_number: text,
    status: text,
    transcript: text,
    variables: nullable(phpObject),
    evaluation: nullable(EvaluationSchema),
    webhook_response: nullable(phpObject),
    carrier_cost: nullable(numberish),
    total_cost: nullable(numberish),
    answered_by: text,
    recording_url: text,
    /** "YYYY-MM-DD HH:MM:SS" in the account's time zone (a team setting). */
    created_at: text,
    updated_at: text,
    // Not in our document; the upstream sends them (assistant and campaign of the call).
    assistant_id: nullable(id),
    campaign_id: nullable(id),
  })
  .loose();
export type UpstreamCall = z.output<typeof CallSchema>;

export const PaginatorLinkSchema = z
  .object({
    url: nullable(z.string()),
    label: z.union([z.string(), z.number()]).transform(String),
    active: z.boolean().default(false),
  })
  .loose();

const count = z.number().int().nonnegative();

/** Laravel's LengthAwarePaginator around items of `item`. */
export function paginatorSchema<T extends z.ZodType>(item: T) {
  return z
    .object({
      current_page: count,
      data: z.array(item),
      first_page_url: text,
      from: nullable(count),
      last_page: count,
      last_page_url: text,
      links: z.array(PaginatorLinkSchema).default([]),
      next_page_url: text,
      path: text,
      per_page: count,
      prev_page_url: text,
      to: nullable(count),
      total: count,
    })
    .loose();
}

export type UpstreamPaginatorLink = z.output<typeof PaginatorLinkSchema>;

/** A page of a Laravel paginator (extra upstream fields kept as unknown). */
export interface UpstreamPage<T> {
  current_page: number;
  data: T[];
  first_page_url: string | null;
  from: number | null;
  last_page: number;
  last_page_url: string | null;
  links: UpstreamPaginatorLink[];
  next_page_url: string | null;
  path: string | null;
  per_page: number;
  prev_page_url: string | null;
  to: number | null;
  total: number;
  [extra: string]: unknown;
}

export const CallPageSchema = paginatorSchema(CallSchema);

export const AssistantSchema = z
  .object({
    id,
    name: text,
  })
  .loose();
export type UpstreamAssistant = z.output<typeof AssistantSchema>;

export const AssistantPageSchema = paginatorSchema(AssistantSchema);

/** `{"message": ...}`, `{"error": ..., "message": ...}`, Laravel's 422 `{"message", "errors": {field: [..]}}`. */
export const ErrorBodySchema = z
  .object({
    message: z.string().optional().catch(undefined),
    error: z.string().optional().catch(undefined),
    errors: z.record(z.string(), z.unknown()).optional().catch(undefined),
  })
  .loose();
export type UpstreamErrorBody = z.output<typeof ErrorBodySchema>;

/** DELETE /user/calls/{id}: `{"message": "Call deleted successfully"}` (anything JSON is accepted). */
export const DeleteResultSchema = z.union([z.object({ message: z.string().optional().catch(undefined) }).loose(), z.unknown()]);

/** True when the call is still in progress (initiated, ringing, in-progress). */
export function isLiveCall(call: Pick<UpstreamCall, "status">): boolean {
  return call.status !== null && (LIVE_CALL_STATUSES as readonly string[]).includes(call.status);
}
