// WhatTalk's known call statuses and types, without zod, so that client components can import
// them without pulling the schema library into the browser bundle.

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
export type KnownCallStatus = (typeof CALL_STATUSES)[number];
/** Calls still in progress: never cached. */
export const LIVE_CALL_STATUSES: readonly KnownCallStatus[] = ["initiated", "ringing", "in-progress"];
export const CALL_TYPES = ["inbound", "outbound", "web"] as const;
export type KnownCallType = (typeof CALL_TYPES)[number];
