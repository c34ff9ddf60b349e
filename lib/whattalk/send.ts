// One logical upstream request: budget → timeout → retries (idempotent requests only) → status
// mapping → zod validation. The key goes only into the Authorization header.
import "server-only";
import type { z } from "zod";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { sleep } from "@/lib/sleep";
import { consumeMemberShare, consumeSyncBudget, consumeTeamBudget, recordFirstAttempt, refundMemberShare, tryTakeRetry } from "./budget";
import { WhatTalkError, whatTalkErrors } from "./errors";
import { ErrorBodySchema } from "./schemas";
import { nodeFetch, type UpstreamResponse } from "./transport";
import type { WhatTalkContext } from "./types";
import { notifyUnauthorized } from "./unauthorized";

/** Longest Retry-After the client waits out itself; longer ones surface as rate_limited. */
export const MAX_RETRY_AFTER_MS = 5_000;
const BACKOFF_BASE_MS = 250;
export const BACKOFF_CAP_MS = 4_000;

export interface UpstreamRequest<T> {
  method: "GET" | "DELETE";
  path: string;
  query: Record<string, string>;
  schema: z.ZodType<T>;
  /** For not_found messages: "call", "assistant list". */
  what: string;
}

export interface SendResult<T> {
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

/** Takes one attempt from the member's share, then from the team budget (the share is given back when the team refuses). */
async function takeBudget(ctx: WhatTalkContext): Promise<{ ok: true } | { ok: false; error: WhatTalkError }> {
  if (ctx.purpose === "sync") {
    const sync = await consumeSyncBudget(ctx.teamId);
    return sync.ok ? { ok: true } : { ok: false, error: whatTalkErrors.budgetExhausted(sync.retryAfterSeconds) };
  }
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
export async function send<T>(ctx: WhatTalkContext, req: UpstreamRequest<T>, apiKey: string, opts: { idempotent: boolean; signal?: AbortSignal }): Promise<SendResult<T>> {
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
