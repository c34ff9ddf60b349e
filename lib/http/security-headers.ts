// Security headers of pages (set by proxy.ts with a fresh nonce per request). API answers get their
// fixed strict headers from next.config.mjs. Why each directive is what it is: docs/security.md.

/** HSTS for two years, sub-domains included; sent only when the portal's public origin is https. */
export const HSTS = "max-age=63072000; includeSubDomains";

/**
 * The one inline stylesheet the app cannot give a nonce: sonner injects its CSS in a `<style>` it
 * creates itself (first empty, then filled, so both contents are checked). tests/unit/security-headers
 * recomputes both hashes from the installed sonner and fails when an upgrade changes them.
 */
export const SONNER_STYLE_HASHES = ["'sha256-StEaX+se6YS7pqjzrzMIA0KaX9zF/8zAhvQXZAe5epY='", "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"] as const;

/** 16 random bytes, base64: unguessable, and in the form Next.js reads from the CSP header. */
export function createNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

export type PageHeaderOptions = {
  nonce: string;
  /** `next dev`: React needs eval there for its debugging aids, and Next's overlay inline styles. */
  development: boolean;
  /** The public origin (NEXTAUTH_URL) is https: HSTS and upgrade-insecure-requests. */
  https: boolean;
};

/** The Content-Security-Policy of a page. `script-src` comes first: Next.js takes the nonce from it. */
export function pageCsp({ nonce, development, https }: PageHeaderOptions): string {
  const directives = [
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "default-src 'self'",
    // <style> and <link> only from the portal, with the nonce, or sonner's known stylesheet; style
    // attributes (Radix, recharts, React's server-rendered `style`) cannot carry a nonce. `next dev`'s
    // own overlay inserts <style> elements without one (Next's documented development policy).
    development ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}' ${SONNER_STYLE_HASHES.join(" ")}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** Every header proxy.ts adds to a page response. */
export function pageSecurityHeaders(options: PageHeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": pageCsp(options),
    ...(options.https ? { "Strict-Transport-Security": HSTS } : {}),
  };
}

/** Whether a configured public origin is https (unset, as in tests and `next dev` without it: no). */
export function isHttpsOrigin(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return new URL(url).protocol === "https:";
  } catch {
    return false;
  }
}
