// The client's public types: the per-call context (team, key, member), request options and results.
import type { CacheStatus } from "./cache";

export interface UnauthorizedEvent {
  teamId: string;
  credentialId: string;
  /** 401 or 403 from WhatTalk, or 0 when the key was refused before sending (invalid characters). */
  status: number;
}

export type UnauthorizedHandler = (event: UnauthorizedEvent) => void | Promise<void>;

export interface WhatTalkContext {
  teamId: string;
  /** The member (user id) the request is made for: their requests count against their share of the team budget. Unset: only the team budget. */
  memberId?: string;
  /** "sync": a background index sync request; it takes only what people leave of the team budget, up to INDEX_BUDGET_SHARE (budget.ts). */
  purpose?: "sync";
  /** The ApiCredential row id: part of every cache key, so a replaced key never reads old answers. */
  credentialId: string;
  /** The plaintext key, or a function returning it (called only when an upstream request is made). */
  apiKey: string | (() => string | Promise<string>);
  /** Default env().WHATTALK_API_URL, e.g. "https://app.whattalk.ai/api". */
  baseUrl?: string;
  /** For tests or instrumentation; default: node:http(s) with keep-alive (transport.ts). */
  fetchImpl?: typeof fetch;
  /** Called (besides the global handler) when WhatTalk refuses the key. */
  onUnauthorized?: UnauthorizedHandler;
}

export interface RequestOptions {
  /** Abort waiting (the shared upstream request of coalesced callers carries on for the others). */
  signal?: AbortSignal;
  /** false: do not answer from the cache (a refresh); the fresh answer is still stored. Default true. */
  cache?: boolean;
}

export interface WhatTalkMeta {
  /** hit: fresh from cache; miss: fetched now; coalesced: shared another caller's request; stale: old copy served because the team's budget is spent. */
  cache: CacheStatus;
  /** ISO time the data was fetched from WhatTalk. */
  fetchedAt: string;
  /** Seconds since then (whole). */
  ageSeconds: number;
  /** Upstream attempts this call made (0 for hit, stale, coalesced). */
  attempts: number;
}

export interface WhatTalkResult<T> {
  /** Read-only (frozen): shared with the cache and other callers. Copy before sorting. */
  data: T;
  meta: WhatTalkMeta;
}
