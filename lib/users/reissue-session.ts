import "server-only";
import type { NextRequest, NextResponse } from "next/server";
import { decode, encode } from "next-auth/jwt";
import { env } from "@/lib/env";
import { SESSION_COOKIE_NAMES, SESSION_MAX_AGE_SECONDS } from "@/lib/auth/session";

/**
 * After a change that bumped the user's session version (password change, leaving a team, transfer
 * of ownership), keeps the browser that made the change signed in: the request's own next-auth
 * session token is re-encoded with the new version and set on the response. Every other session
 * still ends. Does nothing when the request carries no valid session token for `userId`.
 */
export async function reissueSession(req: NextRequest, res: NextResponse, userId: string, sessionVersion: number): Promise<void> {
  const secret = env().NEXTAUTH_SECRET ?? "";
  for (const name of SESSION_COOKIE_NAMES) {
    const raw = req.cookies.get(name)?.value;
    if (!raw) continue;
    const token = await decode({ token: raw, secret }).catch(() => null);
    if (!token || token.sub !== userId) continue;
    const value = await encode({ token: { ...token, sv: sessionVersion }, secret, maxAge: SESSION_MAX_AGE_SECONDS });
    res.cookies.set(name, value, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: name.startsWith("__Secure-"),
      expires: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
    });
    return;
  }
}
