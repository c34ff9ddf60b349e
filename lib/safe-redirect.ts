// Where a sign-in, sign-up or invitation may send the browser next: only a path of the portal's own
// origin, decided by parsing the value as a browser will (WHATWG URL), so no spelling of another
// site gets through (no open redirect). Pure and dependency-free: server pages and client forms use it.

// Generous: a calls page with many filters has a long query, and losing it at sign-in would be a pity.
const MAX_LENGTH = 8192;
/** Used when the portal's origin is unknown (NEXTAUTH_URL unset): then only paths pass, no absolute URL. */
const UNKNOWN_ORIGIN = "http://portal.invalid";

/**
 * The same-origin path (path, query and fragment, normalised the way a browser reads them) that a
 * callback URL leads to, or `fallback`. `origin` is the portal's public origin (NEXTAUTH_URL on the
 * server, `location.origin` in the browser): an absolute URL is accepted only on that origin.
 * Refused besides another origin: a result starting with `//`, `/\` or an encoded or full-width
 * slash or backslash (browsers, proxies or servers may read those as a host).
 */
export function safeCallbackPath(value: string | string[] | null | undefined, options: { origin?: string | null; fallback?: string } = {}): string {
  const fallback = options.fallback ?? "/";
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== "string" || raw === "" || raw.length > MAX_LENGTH) return fallback;
  let base: string;
  let url: URL;
  try {
    base = new URL(options.origin || UNKNOWN_ORIGIN).origin;
    url = new URL(raw, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  const path = url.pathname + url.search + url.hash;
  return readsAsPath(path) ? path : fallback;
}

/** Whether a normalised path's start is unambiguously a path, even to something that decodes it once more. */
function readsAsPath(path: string): boolean {
  if (!path.startsWith("/")) return false;
  // Each run of escapes decoded on its own, so one malformed escape elsewhere cannot hide the others.
  const rest = path.slice(1, 64).replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
  // NFKC folds full-width and other compatibility forms of "/" and "\" (U+FF0F, U+FF3C) into ASCII;
  // leading controls and spaces are what URL parsers strip.
  const head = rest.normalize("NFKC").replace(/^[\u0000-\u0020]+/, "");
  return !head.startsWith("/") && !head.startsWith("\\");
}
