// Errors of the WhatTalk client. Every message is safe to show to a user: it never contains the
// API key, a URL, or an upstream body. `cause` is never set (a fetch error can quote headers).
export type WhatTalkErrorKind =
  /** WhatTalk rejected the API key (401/403); the credential is marked invalid. */
  | "unauthorized"
  /** 404: no such call (or the endpoint does not exist on this WhatTalk). */
  | "not_found"
  /** 429 from WhatTalk; `retryAfterSeconds` when it said. */
  | "rate_limited"
  /** 5xx, or another status the portal does not expect; `status`. */
  | "upstream_error"
  /** No answer within WHATTALK_TIMEOUT_MS (after the retries). */
  | "timeout"
  /** Not JSON, or JSON of an unexpected shape. */
  | "invalid_response"
  /** Network failure: DNS, connection refused or reset. */
  | "unreachable"
  /** The portal's own per-team budget of upstream requests is spent; `retryAfterSeconds`. */
  | "budget_exhausted"
  /** The member has used their share of the team's budget this minute (others may go on); `retryAfterSeconds`. */
  | "member_share_exhausted"
  /** The query was refused (by the portal's validation before sending, or a 4xx like 422); `fields`. */
  | "invalid_request";

export interface WhatTalkErrorJson {
  name: "WhatTalkError";
  kind: WhatTalkErrorKind;
  message: string;
  status?: number;
  retryAfterSeconds?: number;
  fields?: string[];
  attempts?: number;
}

export class WhatTalkError extends Error {
  readonly kind: WhatTalkErrorKind;
  /** Upstream HTTP status, when there was one. */
  readonly status?: number;
  /** For rate_limited / budget_exhausted / member_share_exhausted: seconds to wait before trying again. */
  readonly retryAfterSeconds?: number;
  /** For invalid_request: the query fields refused. */
  readonly fields?: string[];
  /** Upstream attempts made (0 when refused before sending). */
  attempts?: number;

  constructor(kind: WhatTalkErrorKind, message: string, details: { status?: number; retryAfterSeconds?: number; fields?: string[]; attempts?: number } = {}) {
    super(message);
    this.name = "WhatTalkError";
    this.kind = kind;
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
    if (details.fields !== undefined) this.fields = details.fields;
    if (details.attempts !== undefined) this.attempts = details.attempts;
  }

  /** Whether trying the same request again later may succeed. */
  get retryable(): boolean {
    return ["rate_limited", "upstream_error", "timeout", "unreachable", "budget_exhausted", "member_share_exhausted"].includes(this.kind);
  }

  /** The HTTP status a portal route should answer with. */
  get httpStatus(): number {
    return whatTalkErrorHttpStatus(this.kind);
  }

  toJSON(): WhatTalkErrorJson {
    return {
      name: "WhatTalkError",
      kind: this.kind,
      message: this.message,
      ...(this.status !== undefined && { status: this.status }),
      ...(this.retryAfterSeconds !== undefined && { retryAfterSeconds: this.retryAfterSeconds }),
      ...(this.fields !== undefined && { fields: this.fields }),
      ...(this.attempts !== undefined && { attempts: this.attempts }),
    };
  }
}

export function isWhatTalkError(error: unknown, kind?: WhatTalkErrorKind): error is WhatTalkError {
  return error instanceof WhatTalkError && (kind === undefined || error.kind === kind);
}

/** unauthorized/upstream_error/invalid_response/unreachable → 502, timeout → 504, limits → 429, not_found → 404, invalid_request → 400. */
export function whatTalkErrorHttpStatus(kind: WhatTalkErrorKind): number {
  switch (kind) {
    case "not_found":
      return 404;
    case "rate_limited":
    case "budget_exhausted":
    case "member_share_exhausted":
      return 429;
    case "timeout":
      return 504;
    case "invalid_request":
      return 400;
    default:
      return 502;
  }
}

const seconds = (s: number) => `${s} second${s === 1 ? "" : "s"}`;

/** Constructors with the user-facing messages. */
export const whatTalkErrors = {
  unauthorized: (status: number) =>
    new WhatTalkError("unauthorized", "WhatTalk rejected this team's API key. A team admin needs to check or replace it in the team settings.", { status }),
  notFound: (what = "resource") => new WhatTalkError("not_found", `WhatTalk has no such ${what}.`, { status: 404 }),
  rateLimited: (retryAfterSeconds?: number) =>
    new WhatTalkError(
      "rate_limited",
      retryAfterSeconds !== undefined
        ? `WhatTalk is limiting this team's requests. Try again in ${seconds(retryAfterSeconds)}.`
        : "WhatTalk is limiting this team's requests. Try again shortly.",
      { status: 429, retryAfterSeconds },
    ),
  upstream: (status: number) => new WhatTalkError("upstream_error", `WhatTalk answered with an error (HTTP ${status}). Try again shortly.`, { status }),
  timeout: (timeoutMs: number) =>
    new WhatTalkError("timeout", `WhatTalk did not answer within ${timeoutMs >= 1000 ? seconds(Math.round(timeoutMs / 100) / 10) : `${timeoutMs} ms`}. Try again shortly.`),
  invalidResponse: (status?: number) => new WhatTalkError("invalid_response", "WhatTalk sent a response the portal could not read.", { status }),
  unreachable: () => new WhatTalkError("unreachable", "WhatTalk could not be reached. Try again shortly."),
  budgetExhausted: (retryAfterSeconds: number) =>
    new WhatTalkError("budget_exhausted", `This team has used its WhatTalk request budget for now. Try again in ${seconds(retryAfterSeconds)}.`, { retryAfterSeconds }),
  memberShareExhausted: (retryAfterSeconds: number) =>
    new WhatTalkError("member_share_exhausted", `You have used your share of this team's WhatTalk requests for this minute. Try again in ${seconds(retryAfterSeconds)}.`, {
      retryAfterSeconds,
    }),
  invalidRequest: (fields: string[], status?: number) =>
    new WhatTalkError("invalid_request", fields.length ? `WhatTalk refused the request: check ${fields.join(", ")}.` : "WhatTalk refused the request.", { fields, status }),
};
