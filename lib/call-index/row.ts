// One WhatTalk call as an IndexedCall row: the filter columns and the normalised search text.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { wallClockToInstant } from "@/lib/validation/dates";
import { withoutCostKeys, type UpstreamCall } from "@/lib/whattalk";
import { normalizeForSearch } from "@/lib/search/normalize";

/** Longest search text kept per call (transcripts run to 20k+ characters; beyond this is not searched). */
export const MAX_SEARCH_TEXT = 60_000;

/** Every string and number inside a free-form value, cost keys left out (agents search too). */
function valuesOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string" || typeof value === "number") out.push(String(value));
  else if (value && typeof value === "object") for (const v of Object.values(value)) valuesOf(v, out);
  return out;
}

/** What is searched: the transcript, the variables' values and the customer's number as digits. */
export function searchTextOf(call: UpstreamCall): string {
  const digits = (call.client_phone_number ?? "").replace(/\D/g, "");
  const parts = [call.transcript ?? "", ...valuesOf(withoutCostKeys(call.variables ?? {})), digits];
  return normalizeForSearch(parts.filter(Boolean).join("\n")).slice(0, MAX_SEARCH_TEXT);
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/** The row for `call` of a team in `timeZone`; null when WhatTalk's created_at cannot be read (not indexable). */
export function indexedCallRow(teamId: string, timeZone: string, call: UpstreamCall): Prisma.IndexedCallUncheckedCreateInput | null {
  const createdAt = call.created_at ? wallClockToInstant(call.created_at, timeZone) : null;
  if (!createdAt) return null;
  const evaluation = (call.evaluation ?? {}) as Record<string, unknown>;
  return {
    teamId,
    callId: call.id,
    createdAt,
    upstreamUpdatedAt: call.updated_at ? wallClockToInstant(call.updated_at, timeZone) : null,
    status: str(call.status),
    type: str(call.type),
    assistantId: num(call.assistant_id),
    assistantName: str(call.assistant_name),
    campaignId: num(call.campaign_id),
    campaignName: str(call.campaign_name),
    durationSeconds: num(call.duration) === null ? null : Math.round(num(call.duration)!),
    clientPhone: str(call.client_phone_number),
    answeredBy: str(call.answered_by),
    sentiment: str(evaluation.sentiment)?.toLowerCase() ?? null,
    outcome: str(evaluation.outcome),
    score: num(evaluation.score),
    carrierCost: num(call.carrier_cost),
    totalCost: num(call.total_cost),
    call: call as Prisma.InputJsonValue,
    searchText: searchTextOf(call),
  };
}
