// Typed application errors, mapped to HTTP statuses in one place (lib/http/route.ts) and to
// user-facing messages on pages. Messages are written for users: never internals or secrets.
export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "NO_CREDENTIAL"
  | "PAYLOAD_TOO_LARGE"
  | "RATE_LIMITED"
  | "UPSTREAM_ERROR"
  | "UPSTREAM_TIMEOUT"
  | "INTERNAL";

export const STATUS_OF: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  NO_CREDENTIAL: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UPSTREAM_ERROR: 502,
  UPSTREAM_TIMEOUT: 504,
  INTERNAL: 500,
};

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors?: FieldErrors;
  readonly retryAfterSeconds?: number;
  /** Extra public details for the caller (e.g. what to do next). Never secrets. */
  readonly details?: Record<string, unknown>;

  constructor(
    code: AppErrorCode,
    message: string,
    extra: { fieldErrors?: FieldErrors; retryAfterSeconds?: number; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = extra.fieldErrors;
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.details = extra.details;
  }

  get status(): number {
    return STATUS_OF[this.code];
  }
}

export const unauthenticated = () => new AppError("UNAUTHENTICATED", "You need to sign in.");
export const forbidden = (message = "Your role does not allow this.") => new AppError("FORBIDDEN", message);
export const notFound = (message = "Not found.") => new AppError("NOT_FOUND", message);
export const badRequest = (message: string, fieldErrors?: FieldErrors) => new AppError("BAD_REQUEST", message, { fieldErrors });
export const conflict = (message: string, fieldErrors?: FieldErrors) => new AppError("CONFLICT", message, { fieldErrors });

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
