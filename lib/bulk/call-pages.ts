// WhatTalk's call list as pages for the page reader (lib/bulk/read-pages.ts): 100 calls a page
// (WhatTalk's maximum), every request through the typed client and so inside the team's budget,
// every call re-checked against the reader's scope (lib/calls/scope.ts).
import "server-only";
import { keepInScope, type CallScope } from "@/lib/calls/scope";
import type { CallSelection } from "@/lib/validation/call-filters";
import { toUpstreamQuery } from "@/lib/validation/call-filters";
import { isWhatTalkError, listCalls, type UpstreamCall, type WhatTalkContext } from "@/lib/whattalk";
import type { PageFetcher } from "./read-pages";

export const BULK_PER_PAGE = 100;

export type { CallSelection };

/**
 * Fetches page `n` of the calls matching `selection`, keeping only calls inside `reader.scope`
 * (`onDropped` counts the others). `cache: false` asks WhatTalk itself rather than answering from
 * the portal's short response cache (answers are still stored).
 */
export function callPageFetcher(
  ctx: WhatTalkContext,
  reader: { scope: CallScope; answer: string; onDropped?: (n: number) => void },
  selection: CallSelection,
  opts: { cache?: boolean } = {},
): PageFetcher<UpstreamCall> {
  return async (page, signal) => {
    const { data } = await listCalls(ctx, toUpstreamQuery({ ...selection, per_page: BULK_PER_PAGE, page }), { signal, cache: opts.cache });
    const { calls, dropped } = await keepInScope(reader.scope, data.data, reader.answer);
    if (dropped) reader.onDropped?.(dropped);
    return { items: calls, total: data.total, lastPage: data.last_page };
  };
}

/**
 * Which errors a bulk read waits out instead of failing: the team's own request budget (or the
 * member's share of it) being spent, and WhatTalk's 429 (the client already waited out short Retry-Afters itself). The wait
 * is what they asked for, plus a little jitter so parallel requests do not return in one burst.
 */
export function bulkRetryDelayMs(error: unknown): number | null {
  if (isWhatTalkError(error, "budget_exhausted") || isWhatTalkError(error, "member_share_exhausted") || isWhatTalkError(error, "rate_limited")) {
    const seconds = error.retryAfterSeconds ?? 5;
    return Math.max(250, seconds * 1000) + Math.floor(Math.random() * 250);
  }
  return null;
}

/** Pages needed for `total` calls. */
export function pagesFor(total: number): number {
  return Math.max(1, Math.ceil(total / BULK_PER_PAGE));
}
