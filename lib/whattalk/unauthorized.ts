// WhatTalk refused the key (401/403, or a key that cannot be sent): the handlers that mark the
// credential are told once per credential within UNAUTHORIZED_DEDUPE_MS.
import "server-only";
import { logger } from "@/lib/logger";
import { whatTalkErrors } from "./errors";
import type { UnauthorizedHandler, UnauthorizedEvent, WhatTalkContext } from "./types";

const UNAUTHORIZED_DEDUPE_MS = 5_000;

let globalUnauthorizedHandler: UnauthorizedHandler | null = null;
const recentUnauthorized = new Map<string, number>();

/** The credentials service registers the hook that marks a credential invalid. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null): void {
  globalUnauthorizedHandler = handler;
}

export function notifyUnauthorized(ctx: WhatTalkContext, status: number) {
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

/** The context's key (resolved only now, so cache hits never decrypt it); one that cannot go in a header is refused as unauthorized. */
export async function resolveKey(ctx: WhatTalkContext): Promise<string> {
  const key = typeof ctx.apiKey === "function" ? await ctx.apiKey() : ctx.apiKey;
  // A key that cannot go in a header (or is empty) is refused here: fetch would quote it in its error.
  if (typeof key !== "string" || !/^[\x21-\x7e]{1,1024}$/.test(key)) {
    notifyUnauthorized(ctx, 0);
    throw Object.assign(whatTalkErrors.unauthorized(0), { attempts: 0 });
  }
  return key;
}
