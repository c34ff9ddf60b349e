// The typed WhatTalk client: every upstream request goes through here (budget, timeout, retries,
// status mapping, zod validation, cache). The pipeline: docs/design-notes.md.
import "server-only";
import { performance } from "node:perf_hooks";
import { z } from "zod";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { consumeMemberShare, consumeTeamBudget, recordFirstAttempt, refundMemberShare, tryTakeRetry } from "./budget";
import { acquireFetchLock, cacheConfig, cacheKey, coalesce, deepFreeze, invalidateTeam, normaliseQuery, readCache, waitForFreshEntry, writeCache, type CacheEntry, type CacheStatus } from "./cache";
import { WhatTalkError, isWhatTalkError, whatTalkErrors } from "./errors";
import { nodeFetch, type UpstreamResponse } from "./transport";
import {
  AssistantPageSchema,
  CALL_STATUSES,
  CALL_TYPES,
  CallPageSchema,
  CallSchema,
  DeleteResultSchema,
  ErrorBodySchema,
  isLiveCall,
  type UpstreamAssistant,
  type UpstreamCall,
  type UpstreamPage,
} from "./schemas";

// ---------------------------------------------------------------------------------------------
// Public types

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

// ---------------------------------------------------------------------------------------------
// Query validation (before anything is sent)

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
const CallIdInputSchema = z.object({ id: CallIdSchema });

function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  const fields = [...new Set(r.error.issues.map((i) => String(i.path[0] ?? "query")))];
  throw Object.assign(whatTalkErrors.invalidRequest(fields), { attempts: 0 });
}

// ---------------------------------------------------------------------------------------------
// Settings

/** Longest Retry-After the client waits out itself; longer ones surface as rate_limited. */
export const MAX_RETRY_AFTER_MS = 5_000;
const BACKOFF_BASE_MS = 250;
const BACKOFF_CAP_MS = 4_000;
const UNAUTHORIZED_DEDUPE_MS = 5_000;

let globalUnauthorizedHandler: UnauthorizedHandler | null = null;
const recentUnauthorized = new Map<string, number>();

/** The credentials service registers the hook that marks a credential invalid. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null): void {
  globalUnauthorizedHandler = handler;
}

function notifyUnauthorized(ctx: WhatTalkContext, status: number) {
  const id = `${ctx.teamId}\u0000${ctx.credentialId}`;
  const now = Date.now();
  const last = recentUnauthorized.get(id);
  // Concurrent calls with the same bad key: tell the handler once.
  if (last !== undefined && now - last < UNAUTHORIZED_DEDUPE_MS) return;
  recentUnauthorized.set(id, now);
  if (recentUnauthorized.size > 10_000) recentUnauthorized.clear();
  const event: UnauthorizedEvent = { teamId: ctx.teamId, credentialId: ctx.credentialId, status };
  for (const handler of [ctx.onUnauthorized, globalUnauthorizedHandler]) {
    if (!handler) continue;
    try {
      const r = handler(event);
      if (r && typeof (r as Promise<void>).catch === "function") {
        (r as Promise<void>).catch((error: unknown) => logger.error({ module: "whattalk", teamId: ctx.teamId, err: { message: (error as Error)?.message } }, "unauthorized handler failed"));
      }
    } catch (error) {
      logger.error({ module: "whattalk", teamId: ctx.teamId, err: { message: (error as Error)?.message } }, "unauthorized handler failed");
    }
  }
}

/** For tests: forget which credentials were reported unauthorized recently. */
export function resetUnauthorizedDedupeForTests(): void {
  recentUnauthorized.clear();
}

// ---------------------------------------------------------------------------------------------
// One upstream request with retries

interface UpstreamRequest<T> {
  method: "GET" | "DELETE";
  path: string;
  query: Record<string, string>;
  schema: z.ZodType<T>;
  /** For not_found messages: "call", "assistant list". */
  what: string;
}

interface SendResult<T> {
  data: T;
  status: number;
  attempts: number;
  bytes: number;
}

/** A failed attempt: the error, and how long the upstream asked us to wait (Retry-After). */
class AttemptFailure {
  constructor(
    readonly error: WhatTalkError,
    readonly retryAfterMs?: number,
  ) {}
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

async function resolveKey(ctx: WhatTalkContext): Promise<string> {
  const key = typeof ctx.apiKey === "function" ? await ctx.apiKey() : ctx.apiKey;
  // A key that cannot go in a header (or is empty) is refused here: fetch would quote it in its error.
  if (typeof key !== "string" || !/^[\x21-\x7e]{1,1024}$/.test(key)) {
    notifyUnauthorized(ctx, 0);
    throw Object.assign(whatTalkErrors.unauthorized(0), { attempts: 0 });
  }
  return key;
}

function buildUrl(ctx: WhatTalkContext, path: string, query: Record<string, string>): string {
  const base = (ctx.baseUrl ?? env().WHATTALK_API_URL).replace(/\/+$/, "");
  const url = new URL(base + path);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return url.toString();
}

function errorFields(body: unknown): string[] {
  const parsed = ErrorBodySchema.safeParse(body);
  if (!parsed.success || !parsed.data.errors) return [];
  return Object.keys(parsed.data.errors)
    .filter((k) => /^[a-z_]{1,40}$/.test(k))
    .slice(0, 20);
}

async function attemptOnce<T>(ctx: WhatTalkContext, req: UpstreamRequest<T>, url: string, apiKey: string, timeoutMs: number, callerSignal: AbortSignal | undefined): Promise<SendResult<T>> {
  const timeoutSignal = AbortSignal.timeout(timeoutMs);
  const signal = callerSignal ? AbortSignal.any([callerSignal, timeoutSignal]) : timeoutSignal;
  const failed = (): never => {
    if (callerSignal?.aborted) throw callerSignal.reason;
    if (timeoutSignal.aborted) throw new AttemptFailure(whatTalkErrors.timeout(timeoutMs));
    throw new AttemptFailure(whatTalkErrors.unreachable());
  };
  let res: UpstreamResponse;
  let text: string;
  try {
    const init = { method: req.method, headers: { Authorization: `Bearer ${apiKey}`, Accept: "application/json" }, signal };
    res = ctx.fetchImpl ? await ctx.fetchImpl(url, { ...init, redirect: "manual", cache: "no-store" }) : await nodeFetch(url, init);
    text = await res.text();
  } catch {
    return failed();
  }
  const status = res.status;
  if (status >= 200 && status < 300) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new AttemptFailure(whatTalkErrors.invalidResponse(status));
    }
    const parsed = req.schema.safeParse(json);
    if (!parsed.success) {
      // Paths and codes only: values may be personal data.
      logger.warn(
        { module: "whattalk", teamId: ctx.teamId, path: req.path, issues: parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.join("."), code: i.code })) },
        "whattalk response did not match the schema",
      );
      throw new AttemptFailure(whatTalkErrors.invalidResponse(status));
    }
    return { data: parsed.data, status, attempts: 1, bytes: Buffer.byteLength(text) };
  }
  let body: unknown = undefined;
  try {
    body = JSON.parse(text);
  } catch {
    // HTML from a proxy, empty body...
  }
  const retryAfterMs = parseRetryAfter(res.headers.get("retry-after"));
  if (status === 401 || status === 403) {
    notifyUnauthorized(ctx, status);
    throw new AttemptFailure(whatTalkErrors.unauthorized(status));
  }
  if (status === 404) throw new AttemptFailure(whatTalkErrors.notFound(req.what));
  if (status === 429) throw new AttemptFailure(whatTalkErrors.rateLimited(retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000)), retryAfterMs);
  if (status >= 500) throw new AttemptFailure(whatTalkErrors.upstream(status), retryAfterMs);
  if (status === 400 || status === 405 || status === 409 || status === 422) throw new AttemptFailure(whatTalkErrors.invalidRequest(errorFields(body), status));
  throw new AttemptFailure(whatTalkErrors.upstream(status));
}

function shouldRetry(f: AttemptFailure): boolean {
  switch (f.error.kind) {
    case "timeout":
    case "unreachable":
      return true;
    case "upstream_error":
      return (f.error.status ?? 0) >= 500 && (f.retryAfterMs === undefined || f.retryAfterMs <= MAX_RETRY_AFTER_MS);
    case "rate_limited":
      return f.retryAfterMs === undefined || f.retryAfterMs <= MAX_RETRY_AFTER_MS;
    default:
      return false;
  }
}

/** Exponential backoff with jitter (half fixed, half random), at least the Retry-After asked for. */
function retryDelay(retryNumber: number, f: AttemptFailure): number {
  const exp = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (retryNumber - 1));
  const backoff = exp / 2 + Math.random() * (exp / 2);
  if (f.retryAfterMs !== undefined) return Math.max(backoff, f.retryAfterMs + Math.random() * 100);
  return backoff;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Takes one attempt from the member's share, then from the team budget (the share is given back when the team refuses). */
async function takeBudget(ctx: WhatTalkContext): Promise<{ ok: true } | { ok: false; error: WhatTalkError }> {
  if (ctx.memberId) {
    const share = await consumeMemberShare(ctx.teamId, ctx.memberId);
    if (!share.ok) return { ok: false, error: whatTalkErrors.memberShareExhausted(share.retryAfterSeconds) };
  }
  const budget = await consumeTeamBudget(ctx.teamId);
  if (budget.ok) return { ok: true };
  if (ctx.memberId) await refundMemberShare(ctx.teamId, ctx.memberId);
  return { ok: false, error: whatTalkErrors.budgetExhausted(budget.retryAfterSeconds) };
}

/**
 * Sends one logical request: consumes the member's share and the team budget before every attempt, retries idempotent
 * requests on timeouts, network failures, 5xx and 429 (within WHATTALK_MAX_RETRIES and the retry
 * budget). Throws WhatTalkError (with `attempts`), or the caller's abort reason.
 */
async function send<T>(ctx: WhatTalkContext, req: UpstreamRequest<T>, apiKey: string, opts: { idempotent: boolean; signal?: AbortSignal }): Promise<SendResult<T>> {
  const e = env();
  const maxAttempts = opts.idempotent ? 1 + e.WHATTALK_MAX_RETRIES : 1;
  const url = buildUrl(ctx, req.path, req.query);
  let attempts = 0;
  let last: AttemptFailure | undefined;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (attempt === 1) recordFirstAttempt(ctx.teamId);
    else {
      if (!last || !shouldRetry(last) || !tryTakeRetry(ctx.teamId)) break;
      await sleep(retryDelay(attempt - 1, last), opts.signal);
    }
    const budget = await takeBudget(ctx);
    if (!budget.ok) {
      // Out of budget before the first attempt: say so. During retries: surface the real failure.
      if (!last) throw Object.assign(budget.error, { attempts });
      break;
    }
    attempts++;
    try {
      const result = await attemptOnce(ctx, req, url, apiKey, e.WHATTALK_TIMEOUT_MS, opts.signal);
      return { ...result, attempts };
    } catch (error) {
      if (!(error instanceof AttemptFailure)) throw error;
      last = error;
    }
  }
  const error = last!.error;
  error.attempts = attempts;
  throw error;
}

// ---------------------------------------------------------------------------------------------
// Cached GETs

interface Outcome<T> {
  data: T;
  fetchedAt: number;
  cache: CacheStatus;
  attempts: number;
  status: number | null;
}

function meta(o: Pick<Outcome<unknown>, "fetchedAt" | "cache" | "attempts">): WhatTalkMeta {
  return {
    cache: o.cache,
    fetchedAt: new Date(o.fetchedAt).toISOString(),
    ageSeconds: Math.max(0, Math.floor((Date.now() - o.fetchedAt) / 1000)),
    attempts: o.attempts,
  };
}

function logCall(ctx: WhatTalkContext, req: { method: string; path: string }, started: number, fields: { status: number | null; attempts: number; cache: CacheStatus | null; outcome: string }) {
  const line = {
    module: "whattalk",
    teamId: ctx.teamId,
    credentialId: ctx.credentialId,
    method: req.method,
    path: req.path,
    status: fields.status,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    attempts: fields.attempts,
    cache: fields.cache,
    outcome: fields.outcome,
  };
  if (fields.outcome === "ok") logger.info(line, "whattalk request");
  else logger.warn(line, "whattalk request failed");
}

function raceAbort<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    // The caller is gone but the shared request runs on (for other waiters): its failure is
    // nobody's to report here, and must not become an unhandled rejection.
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (err) => {
        signal.removeEventListener("abort", onAbort);
        reject(err);
      },
    );
  });
}

async function cachedGet<T>(ctx: WhatTalkContext, req: UpstreamRequest<T>, opts: RequestOptions, cacheable: (data: T) => boolean): Promise<WhatTalkResult<T>> {
  const started = performance.now();
  const { enabled } = cacheConfig();
  try {
    const key = await cacheKey(ctx, `${req.method} ${req.path}`, req.query);
    const cached = enabled ? await readCache<T>(key) : null;
    if (cached?.fresh && opts.cache !== false) {
      logCall(ctx, req, started, { status: null, attempts: 0, cache: "hit", outcome: "ok" });
      return { data: cached.entry.data, meta: meta({ ...cached.entry, cache: "hit", attempts: 0 }) };
    }
    const stale: CacheEntry<T> | null = cached?.entry ?? null;

    const fetchShared = async (): Promise<Outcome<T>> => {
      const e = env();
      // Other instances: the lock holder fetches, the rest wait for its answer in the cache.
      const lockTtl = Math.min(60_000, (e.WHATTALK_TIMEOUT_MS + BACKOFF_CAP_MS) * (1 + e.WHATTALK_MAX_RETRIES) + 1_000);
      let lock = await acquireFetchLock(key, lockTtl);
      if (lock === null) {
        const shared = await waitForFreshEntry<T>(key, lockTtl);
        if (shared) return { data: shared.data, fetchedAt: shared.fetchedAt, cache: "coalesced", attempts: 0, status: null };
        lock = await acquireFetchLock(key, lockTtl);
      }
      try {
        const apiKey = await resolveKey(ctx);
        const res = await send(ctx, req, apiKey, { idempotent: true });
        const entry: CacheEntry<T> = { data: deepFreeze(res.data), fetchedAt: Date.now() };
        if (enabled && cacheable(res.data)) await writeCache(key, entry, res.bytes);
        return { ...entry, cache: "miss", attempts: res.attempts, status: res.status };
      } catch (error) {
        if (isWhatTalkError(error, "budget_exhausted") && stale) {
          return { data: stale.data, fetchedAt: stale.fetchedAt, cache: "stale", attempts: 0, status: null };
        }
        throw error;
      } finally {
        await lock?.release();
      }
    };

    // A coalesced caller shares the leader's request and its failure, except when the leader's own
    // share of the budget was spent: then it asks itself (as the next leader; a few rounds at most).
    // A member whose share is spent still gets a stale copy when there is one.
    let outcome: Outcome<T> | undefined;
    let leader = false;
    for (let round = 1; !outcome; round++) {
      const shared = coalesce<Outcome<T>>(key, fetchShared);
      leader = shared.leader;
      try {
        outcome = await raceAbort(shared.promise, opts.signal);
      } catch (error) {
        if (isWhatTalkError(error, "member_share_exhausted")) {
          if (!leader && round < 3) continue;
          if (stale) {
            outcome = { data: stale.data, fetchedAt: stale.fetchedAt, cache: "stale", attempts: 0, status: null };
            break;
          }
        }
        if (isWhatTalkError(error)) {
          logCall(ctx, req, started, { status: error.status ?? null, attempts: leader ? (error.attempts ?? 0) : 0, cache: leader ? "miss" : "coalesced", outcome: error.kind });
        }
        throw error;
      }
    }
    const cache: CacheStatus = leader || outcome.cache === "stale" ? outcome.cache : "coalesced";
    const attempts = leader ? outcome.attempts : 0;
    logCall(ctx, req, started, { status: outcome.status, attempts, cache, outcome: "ok" });
    return { data: outcome.data, meta: meta({ fetchedAt: outcome.fetchedAt, cache, attempts }) };
  } catch (error) {
    if (!isWhatTalkError(error)) logCall(ctx, req, started, { status: null, attempts: 0, cache: null, outcome: opts.signal?.aborted ? "aborted" : "error" });
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Endpoints

/** GET /user/calls: one page of the account's calls, newest first. Lists with live calls are not cached. */
export function listCalls(ctx: WhatTalkContext, query: ListCallsQuery = {}, opts: RequestOptions = {}): Promise<WhatTalkResult<UpstreamPage<UpstreamCall>>> {
  return run(ctx, "GET", "/user/calls", async () => {
    const q = normaliseQuery(validate(ListCallsQuerySchema, query), { per_page: 15, page: 1 });
    return cachedGet(ctx, { method: "GET", path: "/user/calls", query: q, schema: CallPageSchema, what: "call list" }, opts, (page) => !page.data.some(isLiveCall));
  });
}

/** GET /user/calls/{id}: one call (not_found when it is not the account's). Live calls are not cached. */
export function getCall(ctx: WhatTalkContext, id: number | string, opts: RequestOptions = {}): Promise<WhatTalkResult<UpstreamCall>> {
  return run(ctx, "GET", "/user/calls/:id", async () => {
    const callId = validate(CallIdInputSchema, { id }).id;
    return cachedGet(ctx, { method: "GET", path: `/user/calls/${callId}`, query: {}, schema: CallSchema, what: "call" }, opts, (call) => !isLiveCall(call));
  });
}

/** GET /user/assistants/get: one page of the account's assistants (not_found when the endpoint does not exist). */
export function listAssistants(ctx: WhatTalkContext, query: ListAssistantsQuery = {}, opts: RequestOptions = {}): Promise<WhatTalkResult<UpstreamPage<UpstreamAssistant>>> {
  return run(ctx, "GET", "/user/assistants/get", async () => {
    const q = normaliseQuery(validate(ListAssistantsQuerySchema, query), { per_page: 10, page: 1 });
    return cachedGet(ctx, { method: "GET", path: "/user/assistants/get", query: q, schema: AssistantPageSchema, what: "assistant list" }, opts, () => true);
  });
}

/**
 * DELETE /user/calls/{id}: deletes a call and its recording for good. Never retried (a lost
 * answer may hide a done delete), never cached; the team's cache is invalidated afterwards
 * (also after not_found: the call is gone either way).
 */
export async function deleteCall(ctx: WhatTalkContext, id: number | string, opts: Pick<RequestOptions, "signal"> = {}): Promise<void> {
  const started = performance.now();
  const path = "/user/calls/:id";
  let callId: number;
  try {
    callId = validate(CallIdInputSchema, { id }).id;
  } catch (error) {
    logCall(ctx, { method: "DELETE", path }, started, { status: null, attempts: 0, cache: null, outcome: (error as WhatTalkError).kind });
    throw error;
  }
  const req: UpstreamRequest<unknown> = { method: "DELETE", path: `/user/calls/${callId}`, query: {}, schema: DeleteResultSchema, what: "call" };
  try {
    const apiKey = await resolveKey(ctx);
    const res = await send(ctx, req, apiKey, { idempotent: false, signal: opts.signal });
    await invalidateTeam(ctx.teamId);
    logCall(ctx, req, started, { status: res.status, attempts: res.attempts, cache: null, outcome: "ok" });
  } catch (error) {
    if (isWhatTalkError(error, "not_found")) await invalidateTeam(ctx.teamId);
    logCall(ctx, req, started, {
      status: isWhatTalkError(error) ? (error.status ?? null) : null,
      attempts: isWhatTalkError(error) ? (error.attempts ?? 0) : 0,
      cache: null,
      outcome: isWhatTalkError(error) ? error.kind : opts.signal?.aborted ? "aborted" : "error",
    });
    throw error;
  }
}

/** Logs calls refused before reaching cachedGet (invalid query). */
async function run<T>(ctx: WhatTalkContext, method: string, path: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await fn();
  } catch (error) {
    if (isWhatTalkError(error, "invalid_request") && error.attempts === 0 && error.status === undefined) {
      logCall(ctx, { method, path }, started, { status: null, attempts: 0, cache: null, outcome: error.kind });
    }
    throw error;
  }
}

/** The same functions bound to one context. */
export function createWhatTalkClient(ctx: WhatTalkContext) {
  return {
    listCalls: (query?: ListCallsQuery, opts?: RequestOptions) => listCalls(ctx, query, opts),
    getCall: (id: number | string, opts?: RequestOptions) => getCall(ctx, id, opts),
    listAssistants: (query?: ListAssistantsQuery, opts?: RequestOptions) => listAssistants(ctx, query, opts),
    deleteCall: (id: number | string, opts?: Pick<RequestOptions, "signal">) => deleteCall(ctx, id, opts),
  };
}
export type WhatTalkClient = ReturnType<typeof createWhatTalkClient>;
