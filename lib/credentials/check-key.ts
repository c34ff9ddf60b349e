// Asks WhatTalk whether a key works: one GET /user/calls?per_page=1, never answered from the cache.
import "server-only";
import { randomUUID } from "node:crypto";
import type { TeamActor } from "@/lib/auth/team-actor";
import { isWhatTalkError, listCalls, type WhatTalkErrorKind } from "@/lib/whattalk";

export type KeyCheck =
  | { outcome: "ok" }
  /** WhatTalk answered 401/403. */
  | { outcome: "rejected"; message: string }
  /** WhatTalk could not say (unreachable, timeout, 5xx, rate limit, unexpected answer). */
  | { outcome: "unverified"; kind: WhatTalkErrorKind; message: string; retryAfterSeconds?: number };

export const REJECTED_MESSAGE = "WhatTalk rejected this API key. Check that you copied the whole key from your WhatTalk account and that it has not been revoked.";

/**
 * Checks a plaintext key for the actor's team (its caller has checked credentials:manage). Runs under
 * a throw-away credential id, so the answer never lands in the cache of the team's stored key and a
 * refusal never marks the stored key invalid.
 */
export async function checkApiKey(actor: TeamActor, apiKey: string): Promise<KeyCheck> {
  try {
    await listCalls({ teamId: actor.teamId, credentialId: `check_${randomUUID()}`, apiKey: () => apiKey }, { per_page: 1 }, { cache: false });
    return { outcome: "ok" };
  } catch (error) {
    if (isWhatTalkError(error, "unauthorized")) return { outcome: "rejected", message: REJECTED_MESSAGE };
    if (isWhatTalkError(error)) return { outcome: "unverified", kind: error.kind, message: error.message, retryAfterSeconds: error.retryAfterSeconds };
    throw error;
  }
}
