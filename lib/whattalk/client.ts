// The typed WhatTalk client's endpoints. Every upstream request goes through here: query validation
// (query.ts) → the cache and coalescing for GETs (cached-get.ts) → budget, timeout, retries, status
// mapping and zod validation (send.ts); a refused key is reported once (unauthorized.ts).
// The API key comes in a context per call (types.ts); it is only put in the Authorization header.
import "server-only";
import { performance } from "node:perf_hooks";
import { invalidateTeam, normaliseQuery } from "./cache";
import { cachedGet, logCall } from "./cached-get";
import { isWhatTalkError, type WhatTalkError } from "./errors";
import { CallIdInputSchema, ListAssistantsQuerySchema, ListCallsQuerySchema, validate, type ListAssistantsQuery, type ListCallsQuery } from "./query";
import { AssistantPageSchema, CallPageSchema, CallSchema, DeleteResultSchema, isLiveCall, type UpstreamAssistant, type UpstreamCall, type UpstreamPage } from "./schemas";
import { send, type UpstreamRequest } from "./send";
import type { RequestOptions, WhatTalkContext, WhatTalkResult } from "./types";
import { resolveKey } from "./unauthorized";

export { ListAssistantsQuerySchema, ListCallsQuerySchema, type ListAssistantsQuery, type ListCallsQuery } from "./query";
export { MAX_RETRY_AFTER_MS } from "./send";
export type { RequestOptions, UnauthorizedEvent, UnauthorizedHandler, WhatTalkContext, WhatTalkMeta, WhatTalkResult } from "./types";
export { resetUnauthorizedDedupeForTests, setUnauthorizedHandler } from "./unauthorized";

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
    await invalidateTeam(ctx);
    logCall(ctx, req, started, { status: res.status, attempts: res.attempts, cache: null, outcome: "ok" });
  } catch (error) {
    if (isWhatTalkError(error, "not_found")) await invalidateTeam(ctx);
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
