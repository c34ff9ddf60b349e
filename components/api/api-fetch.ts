// Browser-side helper for the portal's own JSON API: returns data or a typed, user-safe error
// (message + field errors + retry time) that forms show inline.
export type ApiError = {
  status: number;
  code: string;
  message: string;
  fieldErrors?: Record<string, string[]>;
  retryAfterSeconds?: number;
  details: Record<string, unknown>;
};

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export async function apiFetch<T>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<ApiResult<T>> {
  const { json, ...rest } = init;
  let res: Response;
  try {
    res = await fetch(url, {
      ...rest,
      headers: { Accept: "application/json", ...(json !== undefined ? { "Content-Type": "application/json" } : {}), ...rest.headers },
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    });
  } catch {
    return { ok: false, error: { status: 0, code: "NETWORK", message: "Could not reach the portal. Check your connection and try again.", details: {} } };
  }
  const body = (await res.json().catch(() => null)) as ({ error?: Partial<ApiError> & Record<string, unknown> } & T) | null;
  if (res.ok) return { ok: true, data: body as T };
  const e = body?.error ?? {};
  return {
    ok: false,
    error: {
      status: res.status,
      code: typeof e.code === "string" ? e.code : "ERROR",
      message: typeof e.message === "string" ? e.message : `The request failed (HTTP ${res.status}).`,
      fieldErrors: e.fieldErrors as Record<string, string[]> | undefined,
      retryAfterSeconds: typeof e.retryAfterSeconds === "number" ? e.retryAfterSeconds : undefined,
      details: e as Record<string, unknown>,
    },
  };
}
