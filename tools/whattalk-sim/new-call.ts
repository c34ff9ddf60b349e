// A call added through the control API or by an arrival: the given fields over the defaults of a
// fresh outbound call, in the API's field order.

import type { Call, SimAccount } from "./data";
import { formatInZone } from "./tz";

const CALL_KEY_ORDER = [
  "id", "assistant_name", "campaign_name", "type", "duration", "assistant_phone_number", "client_phone_number",
  "status", "transcript", "variables", "evaluation", "webhook_response", "carrier_cost", "total_cost",
  "answered_by", "recording_url", "created_at", "updated_at", "assistant_id", "campaign_id",
] as const;

const DEFAULT_CLIENT: Record<string, string> = { alpha: "+905550000001", beta: "+4915100000001", gamma: "+12125550100" };

/** The call `id` of `account` from normalized `fields`; `now` (ms) is its default created_at. */
/** What a call that has just started does not have yet (the lifecycle fills it in when it ends). */
export const NOT_YET_KNOWN = {
  transcript: null,
  evaluation: null,
  webhook_response: null,
  carrier_cost: null,
  total_cost: null,
  answered_by: null,
  recording_url: null,
} as const;

export function newCall(account: SimAccount, id: number, norm: Record<string, unknown>, now: number): Call {
  const type = (norm.type as string | undefined) ?? "outbound";
  const assistantId = typeof norm.assistant_id === "number" ? norm.assistant_id : undefined;
  const assistant =
    account.assistants.find((a) => a.id === assistantId) ??
    account.assistants.find((a) => a.is_active && (type === "outbound" ? a.type === "outbound" : a.type === "inbound")) ??
    account.assistants[0];
  const createdAt = (norm.created_at as string | undefined) ?? formatInZone(now, account.timeZone);
  const defaults: Record<string, unknown> = {
    id,
    assistant_name: assistant?.name ?? null,
    campaign_name: null,
    type,
    duration: 0,
    assistant_phone_number: type === "web" ? null : (assistant?.phone_number ?? null),
    client_phone_number: type === "web" ? null : (DEFAULT_CLIENT[account.slug] ?? DEFAULT_CLIENT.alpha),
    status: "initiated",
    variables: {},
    ...NOT_YET_KNOWN,
    created_at: createdAt,
    updated_at: createdAt,
    assistant_id: assistant?.id ?? null,
    campaign_id: null,
  };
  const merged: Record<string, unknown> = { ...defaults, ...norm, id };
  const ordered: Record<string, unknown> = {};
  for (const k of CALL_KEY_ORDER) ordered[k] = merged[k];
  for (const k of Object.keys(merged)) if (!(k in ordered)) ordered[k] = merged[k];
  return ordered as unknown as Call;
}
