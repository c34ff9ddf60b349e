// What the portal sends about a call: its own shape, never the raw upstream object; costs only with
// `calls:costs`, at any depth. The rule: docs/access.md; details: docs/design-notes.md.
import { LIVE_CALL_STATUSES, isCostKey, withoutCostKeys, type UpstreamCall } from "@/lib/whattalk";
import { wallClockToInstant } from "@/lib/validation/dates";

export type CallDTO = {
  id: number;
  /** UTC instant (ISO), from WhatTalk's wall-clock time in the team's time zone. */
  createdAt: string | null;
  /** As WhatTalk sent it: "YYYY-MM-DD HH:MM:SS" in the team's time zone. */
  createdAtLocal: string | null;
  updatedAt: string | null;
  type: string | null;
  status: string | null;
  live: boolean;
  assistantId: number | null;
  assistantName: string | null;
  campaignId: number | null;
  campaignName: string | null;
  durationSeconds: number | null;
  assistantPhone: string | null;
  clientPhone: string | null;
  answeredBy: string | null;
  sentiment: string | null;
  outcome: string | null;
  score: number | null;
  hasRecording: boolean;
  /** Present only for roles with `calls:costs`. */
  carrierCost?: number | null;
  totalCost?: number | null;
  /** Search results: a part of the transcript (or variables, or number) around the first match. */
  match?: SearchMatch;
};

/** A snippet of the original text and the [start, end) ranges of it to highlight. */
export type SearchMatch = { snippet: string; highlights: [number, number][] };

export type CallDetailDTO = CallDTO & {
  transcript: string | null;
  variables: Record<string, unknown>;
  evaluation: Record<string, unknown>;
  webhookResponse: Record<string, unknown> | null;
};

export type ShapeOptions = { timeZone: string; costs: boolean };

export function isLive(status: string | null | undefined): boolean {
  return !!status && (LIVE_CALL_STATUSES as readonly string[]).includes(status);
}

export function toCallDTO(c: UpstreamCall, o: ShapeOptions): CallDTO {
  const evaluation = (c.evaluation ?? {}) as Record<string, unknown>;
  const dto: CallDTO = {
    id: c.id,
    createdAt: c.created_at ? (wallClockToInstant(c.created_at, o.timeZone)?.toISOString() ?? null) : null,
    createdAtLocal: c.created_at ?? null,
    updatedAt: c.updated_at ? (wallClockToInstant(c.updated_at, o.timeZone)?.toISOString() ?? null) : null,
    type: c.type ?? null,
    status: c.status ?? null,
    live: isLive(c.status),
    assistantId: typeof c.assistant_id === "number" ? c.assistant_id : null,
    assistantName: c.assistant_name ?? null,
    campaignId: typeof c.campaign_id === "number" ? c.campaign_id : null,
    campaignName: c.campaign_name ?? null,
    durationSeconds: c.duration ?? null,
    assistantPhone: c.assistant_phone_number ?? null,
    clientPhone: c.client_phone_number ?? null,
    answeredBy: c.answered_by ?? null,
    sentiment: typeof evaluation.sentiment === "string" ? evaluation.sentiment : null,
    outcome: typeof evaluation.outcome === "string" ? evaluation.outcome : null,
    score: typeof evaluation.score === "number" ? evaluation.score : null,
    hasRecording: typeof c.recording_url === "string" && c.recording_url.length > 0,
  };
  if (o.costs) {
    dto.carrierCost = c.carrier_cost ?? null;
    dto.totalCost = c.total_cost ?? null;
  }
  return dto;
}

export { isCostKey, withoutCostKeys };

export function toCallDetailDTO(c: UpstreamCall, o: ShapeOptions): CallDetailDTO {
  const free = <T>(v: T): T => (o.costs ? v : (withoutCostKeys(v) as T));
  return {
    ...toCallDTO(c, o),
    transcript: c.transcript ?? null,
    variables: free((c.variables ?? {}) as Record<string, unknown>),
    evaluation: free((c.evaluation ?? {}) as Record<string, unknown>),
    webhookResponse: free((c.webhook_response ?? null) as Record<string, unknown> | null),
  };
}
