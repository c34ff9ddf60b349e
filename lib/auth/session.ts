import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { decode } from "next-auth/jwt";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { unauthenticated } from "@/lib/errors";

export type CurrentUser = { id: string; email: string; name: string; sessionVersion: number };

export const SESSION_COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

/** Reads the session cookie (a next-auth JWT) and returns its user id and session version. */
export async function readSessionToken(cookieValue: string | undefined): Promise<{ userId: string; sv: number } | null> {
  if (!cookieValue) return null;
  try {
    const token = await decode({ token: cookieValue, secret: env().NEXTAUTH_SECRET ?? "" });
    if (!token?.sub || typeof token.sv !== "number") return null;
    return { userId: token.sub, sv: token.sv };
  } catch {
    return null;
  }
}

/**
 * The signed-in user, checked against the database on every request (at most once per request):
 * a deleted user, or a session issued before the user's sessionVersion was bumped (password or
 * role change, "sign out everywhere"), is no session at all.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const jar = await cookies();
  const raw = SESSION_COOKIE_NAMES.map((n) => jar.get(n)?.value).find(Boolean);
  const token = await readSessionToken(raw);
  if (!token) return null;
  const user = await db().user.findUnique({ where: { id: token.userId }, select: { id: true, email: true, name: true, sessionVersion: true } });
  if (!user || user.sessionVersion !== token.sv) return null;
  return user;
});

export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw unauthenticated();
  return user;
}

/** Invalidates every session of a user on their next request. */
export async function bumpSessionVersion(userId: string): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
