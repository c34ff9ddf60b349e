import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { decode } from "next-auth/jwt";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { unauthenticated } from "@/lib/errors";

export type CurrentUser = { id: string; email: string; name: string; sessionVersion: number };

/** What a session token carries: the user, the user's session version at sign-in, and the session's own id. */
export type SessionClaims = { userId: string; sv: number; sid: string };

/** How long a session token is valid after it was last issued (next-auth re-issues it at each /api/auth/session). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export const SESSION_COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

/** The session claims of a decoded next-auth JWT, or null when one is missing (tokens issued before sessions had ids included). */
export function sessionClaims(token: { sub?: unknown; sv?: unknown; sid?: unknown } | null | undefined): SessionClaims | null {
  if (!token || typeof token.sub !== "string" || !token.sub || typeof token.sv !== "number" || typeof token.sid !== "string" || !token.sid) return null;
  return { userId: token.sub, sv: token.sv, sid: token.sid };
}

/** Reads the session cookie (a next-auth JWT) and returns its claims. */
export async function readSessionToken(cookieValue: string | undefined): Promise<SessionClaims | null> {
  if (!cookieValue) return null;
  try {
    return sessionClaims(await decode({ token: cookieValue, secret: env().NEXTAUTH_SECRET ?? "" }));
  } catch {
    return null;
  }
}

/**
 * The user of a session that still stands, in one indexed query: the user exists, the session was
 * issued at the user's current sessionVersion (not bumped since by a password or role change or
 * "sign out everywhere"), and its id was not revoked by signing out.
 */
export async function sessionUser(claims: SessionClaims): Promise<CurrentUser | null> {
  return db().user.findFirst({
    where: { id: claims.userId, sessionVersion: claims.sv, revokedSessions: { none: { id: claims.sid } } },
    select: { id: true, email: true, name: true, sessionVersion: true },
  });
}

/** The signed-in user, checked against the database on every request (at most once per request). */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const jar = await cookies();
  const raw = SESSION_COOKIE_NAMES.map((n) => jar.get(n)?.value).find(Boolean);
  const claims = await readSessionToken(raw);
  return claims ? sessionUser(claims) : null;
});

export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw unauthenticated();
  return user;
}
