import { ZodError } from "zod";
import { AppError } from "@/lib/errors";
import { WhatTalkError } from "@/lib/whattalk";
import { fieldErrorsOf } from "@/lib/validation/parse";

/** Maps anything thrown to an AppError with a user-safe message. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return new AppError("BAD_REQUEST", "Some fields are invalid.", { fieldErrors: fieldErrorsOf(error) });
  if (error instanceof WhatTalkError) {
    const retry = { retryAfterSeconds: error.retryAfterSeconds, details: { upstream: error.kind } };
    switch (error.kind) {
      case "unauthorized":
        return new AppError("NO_CREDENTIAL", error.message, {
          details: { upstream: error.kind, reason: "invalid", action: "A team admin needs to enter a valid API key under Settings → WhatTalk connection." },
        });
      case "not_found":
        return new AppError("NOT_FOUND", "Not found.", { details: { upstream: error.kind } });
      case "rate_limited":
      case "budget_exhausted":
      case "member_share_exhausted":
        return new AppError("RATE_LIMITED", error.message, { ...retry, retryAfterSeconds: error.retryAfterSeconds ?? 10 });
      case "timeout":
        return new AppError("UPSTREAM_TIMEOUT", error.message, retry);
      case "invalid_request":
        return new AppError("BAD_REQUEST", error.message, { details: { upstream: error.kind } });
      default:
        return new AppError("UPSTREAM_ERROR", error.message, retry);
    }
  }
  return new AppError("INTERNAL", "Something went wrong on our side. Please try again.");
}
