// Links between the calls list and a call's detail. The detail page gets the list's URL in
// `?back=` so "Back to calls" keeps the filters; it is accepted only as this team's calls list
// (a relative URL), never as an arbitrary destination. Pure; safe for client bundles.

const BASE = "http://portal.invalid";

export function callsListPath(teamSlug: string): string {
  return `/teams/${encodeURIComponent(teamSlug)}/calls`;
}

/** The list's URL for a query string ("" for none). */
export function callsListHref(teamSlug: string, query: string | URLSearchParams = ""): string {
  const q = String(query).replace(/^\?/, "");
  return q ? `${callsListPath(teamSlug)}?${q}` : callsListPath(teamSlug);
}

/** A call's detail URL, remembering the list it was opened from and the search that found it (highlighted there). */
export function callDetailHref(teamSlug: string, callId: number, listQuery: string | URLSearchParams = "", search?: string | null): string {
  const path = `${callsListPath(teamSlug)}/${callId}`;
  const q = String(listQuery).replace(/^\?/, "");
  const params = [search?.trim() ? `q=${encodeURIComponent(search.trim())}` : "", q ? `back=${encodeURIComponent(callsListHref(teamSlug, q))}` : ""].filter(Boolean);
  return params.length ? `${path}?${params.join("&")}` : path;
}

/** The search (`q`) of a list's query string, if any. */
export function searchOfListQuery(listQuery: string | URLSearchParams): string | null {
  return new URLSearchParams(String(listQuery)).get("q")?.trim() || null;
}

function hasControlChars(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/**
 * The "Back to calls" destination: `back` when it is this team's calls list (relative, same
 * path, any query), otherwise the plain list.
 */
export function safeCallsBackHref(teamSlug: string, back: string | string[] | null | undefined): string {
  const fallback = callsListPath(teamSlug);
  const v = Array.isArray(back) ? back[0] : back;
  if (!v || v.length > 2000 || !v.startsWith("/") || v.startsWith("//") || v.includes("\\") || hasControlChars(v)) return fallback;
  let url: URL;
  try {
    url = new URL(v, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE || url.pathname !== fallback || url.hash) return fallback;
  return url.search ? `${url.pathname}${url.search}` : url.pathname;
}
