// Fault settings, the per-key rate limiter, and the request log of the simulator.

import { z } from "zod";

export type FailNextStatus = number | "malformed" | "hang";

export interface FailNext {
  /** How many of the next API requests fail. */
  count: number;
  /** HTTP status to answer, or "malformed" (200 with truncated JSON) or "hang" (never answer). */
  status: FailNextStatus;
}

export interface Faults {
  /** Fixed latency added to every API request (ms). */
  latencyMs: number;
  /** Random extra latency, 0..jitterMs (ms). */
  jitterMs: number;
  /** Probability (0–1) that an API request answers one of errorStatuses. */
  errorRate: number;
  /** Statuses used by errorRate (default 500, 502, 503). */
  errorStatuses: number[];
  /** Requests per minute per API key; 0 = no limit. */
  rateLimitPerMinute: number;
  /** Requests per 10 s per API key; 0 = no burst limit. */
  rateBurstPer10s: number;
  /** Probability (0–1) that an API request answers 200 with truncated, invalid JSON. */
  malformedRate: number;
  /** Probability (0–1) that an API request is accepted and never answered. */
  hangRate: number;
  /** The assistants endpoints answer 404, as if the API did not have them. */
  assistants404: boolean;
  /**
   * Call objects carry only the documented fields: `assistant_id` and `campaign_id` (which the
   * documentation does not list) are left out. Filtering by them still works.
   */
  documentedFieldsOnly: boolean;
  /**
   * The call list validates `assistant_id` but does not apply it: every assistant's calls come
   * back, as if WhatTalk ignored or mis-applied the filter.
   */
  ignoreAssistantFilter: boolean;
  /** Deterministic faults for the next N API requests. */
  failNext: FailNext | null;
}

export const DEFAULT_FAULTS: Readonly<Faults> = Object.freeze({
  latencyMs: 0,
  jitterMs: 0,
  errorRate: 0,
  errorStatuses: [500, 502, 503],
  rateLimitPerMinute: 0,
  rateBurstPer10s: 0,
  malformedRate: 0,
  hangRate: 0,
  assistants404: false,
  documentedFieldsOnly: false,
  ignoreAssistantFilter: false,
  failNext: null,
});

const rate = z.number().min(0).max(1);
const FailNextSchema = z.strictObject({
  count: z.number().int().min(0).max(1_000_000),
  status: z.union([z.number().int().min(100).max(599), z.literal("malformed"), z.literal("hang")]),
});

export const FaultsPatchSchema = z.strictObject({
  latencyMs: z.number().min(0).max(600_000).optional(),
  jitterMs: z.number().min(0).max(600_000).optional(),
  errorRate: rate.optional(),
  errorStatuses: z.array(z.number().int().min(400).max(599)).min(1).optional(),
  rateLimitPerMinute: z.number().int().min(0).optional(),
  rateBurstPer10s: z.number().int().min(0).optional(),
  malformedRate: rate.optional(),
  hangRate: rate.optional(),
  assistants404: z.boolean().optional(),
  documentedFieldsOnly: z.boolean().optional(),
  ignoreAssistantFilter: z.boolean().optional(),
  failNext: FailNextSchema.nullable().optional(),
});

export type FaultsPatch = z.infer<typeof FaultsPatchSchema>;

/** Validates a partial fault setting; throws an Error listing the problems. */
export function parseFaultsPatch(input: unknown): FaultsPatch {
  const r = FaultsPatchSchema.safeParse(input);
  if (!r.success) {
    throw new Error(r.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; "));
  }
  return r.data;
}

export function mergeFaults(base: Faults, patch: FaultsPatch): Faults {
  const out: Faults = { ...base, errorStatuses: [...base.errorStatuses], failNext: base.failNext ? { ...base.failNext } : null };
  for (const [k, v] of Object.entries(patch)) {
    if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = Array.isArray(v) ? [...v] : v && typeof v === "object" ? { ...v } : v;
  }
  if (out.failNext && out.failNext.count <= 0) out.failNext = null;
  return out;
}

export function cloneFaults(f: Faults): Faults {
  return mergeFaults(f, {});
}

// ---------------------------------------------------------------------------------------------
// Rate limiter: fixed windows per key, like Laravel's throttle middleware (a minute window and an
// optional 10-second burst window). Requests answered 429 do not count.

interface Window {
  start: number;
  count: number;
}

export type RateDecision =
  | { ok: true; limit: number; remaining: number }
  | { ok: false; limit: number; retryAfter: number; resetAt: number };

export class RateLimiter {
  private minute = new Map<string, Window>();
  private burst = new Map<string, Window>();

  clear(): void {
    this.minute.clear();
    this.burst.clear();
  }

  hit(key: string, perMinute: number, per10s: number, now: number): RateDecision {
    const windows: Array<{ w: Window; len: number; limit: number }> = [];
    const take = (map: Map<string, Window>, len: number, limit: number) => {
      if (limit <= 0) return;
      let w = map.get(key);
      if (!w || now - w.start >= len) {
        w = { start: now, count: 0 };
        map.set(key, w);
      }
      windows.push({ w, len, limit });
    };
    take(this.minute, 60_000, perMinute);
    take(this.burst, 10_000, per10s);
    const limit = perMinute > 0 ? perMinute : per10s;
    let blockedUntil = 0;
    for (const { w, len, limit: l } of windows) {
      if (w.count >= l) blockedUntil = Math.max(blockedUntil, w.start + len);
    }
    if (blockedUntil > 0) {
      return { ok: false, limit, retryAfter: Math.max(1, Math.ceil((blockedUntil - now) / 1000)), resetAt: Math.ceil(blockedUntil / 1000) };
    }
    let remaining = Number.POSITIVE_INFINITY;
    for (const { w, limit: l } of windows) {
      w.count++;
      remaining = Math.min(remaining, l - w.count);
    }
    return { ok: true, limit, remaining: Number.isFinite(remaining) ? remaining : limit };
  }
}

// ---------------------------------------------------------------------------------------------
// Request log (bounded ring, oldest dropped first) and cheap counters.

export interface RecordedRequest {
  /** "api" for /api/..., "recording" for /recordings/... */
  kind: "api" | "recording";
  method: string;
  path: string;
  /** The raw query params as received (decoded, untrimmed; repeated names give arrays). */
  query: Record<string, string | string[]>;
  /** Last 4 characters of the bearer key, or null. Never the whole key. */
  keyHint: string | null;
  /** Status sent; null when the request was never answered (hang, client gave up first). */
  status: number | null;
  /** ISO time the request arrived. */
  at: string;
  /** Time from arrival to the end of the response (ms); null when never answered. */
  durationMs: number | null;
}

export interface SimStats {
  since: string;
  total: number;
  /** Normalized path ("/api/user/calls/:id") -> status ("200", "hang") -> count. */
  byPath: Record<string, Record<string, number>>;
  byStatus: Record<string, number>;
}

export class RequestLog {
  private buf: RecordedRequest[] = [];
  private head = 0;
  private statsData: SimStats = RequestLog.emptyStats();

  constructor(private readonly capacity = 20_000) {}

  private static emptyStats(): SimStats {
    return { since: new Date().toISOString(), total: 0, byPath: {}, byStatus: {} };
  }

  add(r: RecordedRequest, statsPath: string): void {
    if (this.buf.length < this.capacity) this.buf.push(r);
    else {
      this.buf[this.head] = r;
      this.head = (this.head + 1) % this.capacity;
    }
    const s = this.statsData;
    const st = r.status === null ? "hang" : String(r.status);
    s.total++;
    const p = (s.byPath[statsPath] ??= {});
    p[st] = (p[st] ?? 0) + 1;
    s.byStatus[st] = (s.byStatus[st] ?? 0) + 1;
  }

  /** Oldest first, newest last. */
  list(): RecordedRequest[] {
    return this.buf.length < this.capacity ? this.buf.slice() : [...this.buf.slice(this.head), ...this.buf.slice(0, this.head)];
  }

  clear(): void {
    this.buf = [];
    this.head = 0;
  }

  stats(): SimStats {
    return structuredClone(this.statsData);
  }

  resetStats(): void {
    this.statsData = RequestLog.emptyStats();
  }
}
