// Signs in through next-auth's credentials endpoint without a full-page redirect, so the form can
// show "wrong e-mail or password" and the throttle's "try again in N s" inline.
export async function signInWithPassword(
  email: string,
  password: string,
): Promise<{ ok: true } | { ok: false; reason: "credentials" | "throttled" | "unreachable"; message: string }> {
  try {
    const csrf = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, email, password, json: "true", callbackUrl: "/" }),
    });
    if (res.status === 429) {
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      return { ok: false, reason: "throttled", message: body?.error?.message ?? `Too many attempts. Try again in ${res.headers.get("Retry-After") ?? "a few"} s.` };
    }
    const body = (await res.json().catch(() => null)) as { url?: string } | null;
    if (!res.ok || !body?.url || new URL(body.url, window.location.origin).searchParams.has("error")) {
      return { ok: false, reason: "credentials", message: "Wrong e-mail or password." };
    }
    return { ok: true };
  } catch {
    return { ok: false, reason: "unreachable", message: "Could not reach the portal. Check your connection and try again." };
  }
}
