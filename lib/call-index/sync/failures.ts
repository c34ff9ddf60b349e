// What a failed sync run records (one clear sentence, never a stack or key) and how long it waits.
import "server-only";
import { isAppError } from "@/lib/errors";
import { isWhatTalkError } from "@/lib/whattalk";

/** Backoff after failures in a row: 15 s, 30 s, 1 min… capped at 15 minutes (at least Retry-After). */
export const BACKOFF_BASE_SECONDS = 15;
export const BACKOFF_CAP_SECONDS = 900;

export interface FailureOutcome {
  message: string;
  /** null: do not retry on a timer (the key was refused: sync resumes when the key changes). */
  retryInSeconds: number | null;
}

export function backoffSeconds(failures: number, retryAfterSeconds = 0): number {
  const exp = Math.min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2 ** Math.max(0, failures - 1));
  return Math.min(BACKOFF_CAP_SECONDS, Math.max(exp, retryAfterSeconds));
}

/** `failures`: the count including this one. */
export function describeFailure(error: unknown, failures: number): FailureOutcome {
  if (isWhatTalkError(error, "unauthorized")) {
    return { message: "WhatTalk refused the team's API key; the index sync stops until the key is replaced.", retryInSeconds: null };
  }
  if (isWhatTalkError(error)) {
    const retryAfter = error.kind === "rate_limited" ? (error.retryAfterSeconds ?? 0) : 0;
    const wait = backoffSeconds(failures, retryAfter);
    return { message: `${error.message.replace(/\.$/, "")}. The index sync retries in ${wait} s.`, retryInSeconds: wait };
  }
  if (isAppError(error)) return { message: error.message, retryInSeconds: backoffSeconds(failures) };
  const wait = backoffSeconds(failures);
  return { message: `The index sync failed unexpectedly; it retries in ${wait} s.`, retryInSeconds: wait };
}
