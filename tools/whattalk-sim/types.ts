// The simulator's data model: call statuses and types, the demo API keys, and the records the API
// returns (calls, assistants, phone numbers, campaigns) grouped into accounts and a dataset.
// The status and type lists repeat lib/whattalk/enums.ts on purpose: the simulator stands for
// WhatTalk, so the portal's idea of the API must not be able to change it unnoticed.

export const CALL_STATUSES = [
  "initiated",
  "ringing",
  "busy",
  "in-progress",
  "ended",
  "completed",
  "ended_by_customer",
  "ended_by_assistant",
  "no-answer",
  "failed",
] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const CALL_TYPES = ["inbound", "outbound", "web"] as const;
export type CallType = (typeof CALL_TYPES)[number];

export const LIVE_STATUSES: readonly CallStatus[] = ["initiated", "ringing", "in-progress"];

export const DEMO_KEYS = {
  alpha: "wt_demo_alpha",
  beta: "wt_demo_beta",
  gamma: "wt_demo_gamma",
} as const;
export type AccountSlug = keyof typeof DEMO_KEYS;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };
export type JsonObject = { [k: string]: JsonValue };

/** A call as the API returns it (documented fields in documented order, then assistant_id, campaign_id). */
export interface Call {
  id: number;
  assistant_name: string | null;
  campaign_name: string | null;
  type: CallType;
  duration: number | null;
  assistant_phone_number: string | null;
  client_phone_number: string | null;
  status: CallStatus;
  transcript: string | null;
  variables: JsonObject | null;
  evaluation: JsonObject | null;
  webhook_response: JsonObject | null;
  carrier_cost: number | null;
  total_cost: number | null;
  answered_by: "human" | "machine" | null;
  recording_url: string | null;
  created_at: string;
  updated_at: string;
  assistant_id: number | null;
  campaign_id: number | null;
}

export interface Assistant {
  id: number;
  name: string;
  type: "inbound" | "outbound";
  language: string;
  voice: string;
  model: string;
  first_message: string;
  phone_number: string | null;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export interface PhoneNumber {
  id: number;
  phone_number: string;
  assistant_id: number | null;
  type: "inbound" | "outbound";
}

export interface Campaign {
  id: number;
  name: string;
  assistant_id: number;
}

export interface SimAccount {
  slug: AccountSlug;
  key: string;
  name: string;
  timeZone: string;
  assistants: readonly Assistant[];
  campaigns: readonly Campaign[];
  phoneNumbers: readonly PhoneNumber[];
  /** Newest first: created_at instant descending, then id descending (the API's order). */
  calls: readonly Call[];
}

export interface Dataset {
  /** ISO instant the history is anchored to. */
  anchor: string;
  /** ISO instant the live calls are anchored to. */
  liveAnchor: string;
  /** Base URL used in recording_url (`<baseUrl>/recordings/calls/<id>.wav`). */
  baseUrl: string;
  accounts: readonly SimAccount[];
}

export interface GenerateOptions {
  /** Default: the end of the current UTC day (see defaultAnchor). */
  anchor?: Date | string | number;
  /** Default: the anchor. */
  liveAnchor?: Date | string | number;
  /** Default: http://127.0.0.1:4010 */
  baseUrl?: string;
}
