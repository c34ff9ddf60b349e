import { NextResponse, type NextRequest } from "next/server";

// A convenience only: sends visitors without a session cookie to sign-in early, and passes the
// request path to pages (for the sign-in callback). Every page, route handler and service checks
// the session and the team role itself; nothing relies on this file.
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

export function proxy(req: NextRequest) {
  const headers = new Headers(req.headers);
  headers.set("x-portal-path", req.nextUrl.pathname + req.nextUrl.search);
  const hasSession = SESSION_COOKIES.some((c) => req.cookies.has(c));
  const { pathname } = req.nextUrl;
  if (!hasSession && (pathname.startsWith("/teams") || pathname.startsWith("/account"))) {
    const url = req.nextUrl.clone();
    url.pathname = "/signin";
    url.search = `?callbackUrl=${encodeURIComponent(pathname + req.nextUrl.search)}`;
    return NextResponse.redirect(url);
  }
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
