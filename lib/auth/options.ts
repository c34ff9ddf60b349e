import "server-only";
import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { z } from "zod";
import { db } from "@/lib/db";
import { env, type Env } from "@/lib/env";
import { verifyPassword } from "@/lib/auth/password";
import { currentLoginAttempt } from "@/lib/auth/throttle";
import { findOrCreateOAuthUser, githubVerifiedEmail, verifiedOAuthEmail } from "@/lib/auth/oauth";
import { revokeSession } from "@/lib/auth/revoke-session";
import { SESSION_MAX_AGE_SECONDS, sessionClaims, sessionUser } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/safe-redirect";

/** Thrown by the jwt callback for a session that no longer stands (signed out, version bumped, user gone). */
class SessionEnded extends Error {
  constructor() {
    super("The session has ended.");
    this.name = "SessionEnded";
  }
}

/** What the credentials provider accepts; the sign-in route reads the e-mail with the same rule. */
export const credentialsSchema = z.object({ email: z.string().trim().toLowerCase().email().max(320), password: z.string().min(1).max(1024) });

/**
 * The OAuth providers next-auth is configured with, which the sign-in page shows as buttons: GitHub
 * and Google each only when both of their variables are set (lib/env.ts refuses half a pair).
 */
export function oauthProviders(options: NextAuthOptions = authOptions()): { id: string; name: string }[] {
  return options.providers.filter((p) => p.type === "oauth").map((p) => ({ id: p.id, name: p.name }));
}

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  cached ??= authOptionsFor(env());
  return cached;
}

/** E-mail and password, checked under the sign-in route's throttle. */
function credentialsProvider() {
  return CredentialsProvider({
    id: "credentials",
    name: "E-mail and password",
    credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
    async authorize(raw) {
      const parsed = credentialsSchema.safeParse(raw);
      if (!parsed.success) return null;
      const { email, password } = parsed.data;
      // A password is checked only under a throttle point taken for this very e-mail by the sign-in
      // route (app/api/auth/[...nextauth]/route.ts); a failure keeps the point, a success gives it back.
      const attempt = currentLoginAttempt(email);
      if (!attempt) return null;
      const user = await db().user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true, sessionVersion: true } });
      const ok = await verifyPassword(user?.passwordHash, password);
      if (!user || !ok) return null; // the same answer whether or not the e-mail exists
      await attempt.succeeded();
      return { id: user.id, email: user.email, name: user.name, sv: user.sessionVersion };
    },
  });
}

/** GitHub, reading the account's verified primary address only. */
function githubProvider(clientId: string, clientSecret: string) {
  return GitHubProvider({
    clientId,
    clientSecret,
    userinfo: {
      url: "https://api.github.com/user",
      // next-auth's default takes the public profile address or else the primary (or even the
      // first) address, verified or not. Only GitHub's verified primary address is used here.
      async request({ client, tokens }) {
        const profile = await client.userinfo(tokens.access_token ?? "");
        const res = await fetch("https://api.github.com/user/emails", {
          headers: { Authorization: `Bearer ${tokens.access_token}`, Accept: "application/vnd.github+json", "User-Agent": "whattalk-team-portal" },
          signal: AbortSignal.timeout(10_000),
        });
        const email = res.ok ? githubVerifiedEmail(await res.json()) : null;
        return { ...profile, email: email ?? undefined, email_verified: email !== null };
      },
    },
  });
}

/** next-auth's configuration for an environment (authOptions() is this for env(), built once). */
export function authOptionsFor(e: Env): NextAuthOptions {
  const providers: NextAuthOptions["providers"] = [credentialsProvider()];
  if (e.GITHUB_ID && e.GITHUB_SECRET) providers.push(githubProvider(e.GITHUB_ID, e.GITHUB_SECRET));
  if (e.GOOGLE_ID && e.GOOGLE_SECRET) providers.push(GoogleProvider({ clientId: e.GOOGLE_ID, clientSecret: e.GOOGLE_SECRET }));

  return {
    secret: e.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    providers,
    events: {
      async signOut({ token }) {
        const claims = sessionClaims(token);
        if (claims) await revokeSession(claims);
      },
    },
    logger: {
      // next-auth's own messages may include request details; keep them out of the logs except the code.
      // An ended session is no error: next-auth reports it because the jwt callback refused it.
      error: (code, metadata) => {
        if (!(metadata instanceof SessionEnded)) console.error(JSON.stringify({ level: 50, msg: "auth error", code }));
      },
      warn: () => {},
      debug: () => {},
    },
    callbacks: {
      // Every redirect next-auth makes (after sign-in, sign-out, to the sign-in page) goes to a path of
      // the portal's own origin; anything else goes to the start page.
      async redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackPath(url, { origin: baseUrl })}`;
      },
      async signIn({ user, account, profile }) {
        if (account?.type !== "oauth") return true;
        const result = await findOrCreateOAuthUser({ verifiedEmail: verifiedOAuthEmail(account.provider, profile), name: user.name ?? null });
        if (!result.ok) return `/signin?error=${result.reason}`;
        Object.assign(user, { id: result.user.id, sv: result.user.sessionVersion });
        return true;
      },
      async jwt({ token, user }) {
        if (user) {
          // A sign-in: a new session, with an id of its own that signing out revokes.
          const u = user as { id: string; sv?: number };
          token.sub = u.id;
          token.sv = u.sv ?? 1;
          token.sid = randomUUID();
          return token;
        }
        // Every later use (/api/auth/session, which also re-issues the cookie) checks the session as
        // pages and route handlers do; next-auth answers an empty session and clears the cookie.
        const claims = sessionClaims(token);
        if (!claims || !(await sessionUser(claims))) throw new SessionEnded();
        return token;
      },
      async session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub } };
      },
    },
  };
}
