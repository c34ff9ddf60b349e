import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { createNonce, isHttpsOrigin, pageSecurityHeaders } from "@/lib/http/security-headers";

// Gives every page a Content-Security-Policy with a fresh nonce (Next.js reads it from the request's
// CSP header and puts it on its scripts; the root layout reads `x-nonce`) and HSTS when the public
// origin is https. Also a convenience only: sends visitors without a session cookie to sign-in early
// and passes the request path to pages; every page and route checks the session itself.
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

export function proxy(req: NextRequest) {
  const nonce = createNonce();
  const { NODE_ENV, NEXTAUTH_URL } = env();
  const security = pageSecurityHeaders({ nonce, development: NODE_ENV === "development", https: isHttpsOrigin(NEXTAUTH_URL) });
  const headers = new Headers(req.headers);
  headers.set("x-portal-path", req.nextUrl.pathname + req.nextUrl.search);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", security["Content-Security-Policy"]);
  const hasSession = SESSION_COOKIES.some((c) => req.cookies.has(c));
  const { pathname } = req.nextUrl;
  let res: NextResponse;
  if (!hasSession && (pathname.startsWith("/teams") || pathname.startsWith("/account"))) {
    const url = req.nextUrl.clone();
    url.pathname = "/signin";
    url.search = `?callbackUrl=${encodeURIComponent(pathname + req.nextUrl.search)}`;
    res = NextResponse.redirect(url);
  } else {
    res = NextResponse.next({ request: { headers } });
  }
  for (const [name, value] of Object.entries(security)) res.headers.set(name, value);
  return res;
}

// Pages only: route handlers get fixed strict headers from next.config.mjs, static files need none.
export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
