import "server-only";
import { z } from "zod";
import { db, isUniqueViolation } from "@/lib/db";
import { env } from "@/lib/env";
import { emailSchema } from "@/lib/validation/accounts";

// OAuth sign-in (GitHub, Google) maps a provider account to the one User row with the same e-mail
// address, and only on an address the provider says is verified: anyone can type any address into a
// GitHub or Google profile, and linking on it would hand them that portal account.
//
// Rules (findOrCreateOAuthUser):
// - no verified e-mail from the provider: refused (OAuthEmail);
// - a user with that e-mail and no password (created by an earlier OAuth sign-in, with GitHub or
//   Google): signed in as that user;
// - a user with that e-mail and a password: refused (PasswordAccount). The portal never verifies the
//   e-mail of a password sign-up, so that account may have been registered by someone else in
//   advance; the owner of the address signs in with the password instead;
// - no user: created (without a password) when sign-up is on, or when it is off and an open
//   invitation (pending, unexpired) exists for that e-mail. Joining the team is still the separate
//   step of accepting the invitation, as with a password sign-up.

export type OAuthRefusal = "OAuthEmail" | "PasswordAccount" | "SignupDisabled";

/** The primary address of a GitHub account, if GitHub has verified it (`GET /user/emails`). */
export function githubVerifiedEmail(emails: unknown): string | null {
  const parsed = z.array(z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() })).safeParse(emails);
  if (!parsed.success) return null;
  return parsed.data.find((e) => e.primary && e.verified)?.email ?? null;
}

/**
 * The e-mail address the provider vouches for, or null. Google's ID token carries `email_verified`;
 * the GitHub provider (lib/auth/options.ts) sets it from GitHub's list of verified addresses.
 */
export function verifiedOAuthEmail(provider: string, profile: unknown): string | null {
  const p = z.object({ email: z.string().nullish(), email_verified: z.boolean().nullish() }).safeParse(profile ?? {});
  if (!p.success || !p.data.email || p.data.email_verified !== true) return null;
  if (provider !== "google" && provider !== "github") return null;
  return p.data.email;
}

export async function findOrCreateOAuthUser(input: {
  /** Only an address the provider has verified (see verifiedOAuthEmail). */
  verifiedEmail: string | null;
  name: string | null;
}): Promise<{ ok: true; user: { id: string; sessionVersion: number } } | { ok: false; reason: OAuthRefusal }> {
  const parsed = emailSchema.safeParse(input.verifiedEmail ?? "");
  if (!parsed.success) return { ok: false, reason: "OAuthEmail" };
  const email = parsed.data;

  const existing = await userByEmail(email);
  if (existing) return signInAs(existing);

  if (!env().SIGNUP_ENABLED) {
    const invited = await db().invitation.findFirst({ where: { email, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } }, select: { id: true } });
    if (!invited) return { ok: false, reason: "SignupDisabled" };
  }
  const name = input.name?.trim().slice(0, 100) || email.split("@")[0];
  try {
    const user = await db().user.create({ data: { email, name }, select: { id: true, sessionVersion: true } });
    return { ok: true, user };
  } catch (error) {
    // Two first sign-ins at once (or a password sign-up in between): the same rules on the row that won.
    if (!isUniqueViolation(error)) throw error;
    const winner = await userByEmail(email);
    if (!winner) throw error;
    return signInAs(winner);
  }
}

function userByEmail(email: string) {
  return db().user.findUnique({ where: { email }, select: { id: true, sessionVersion: true, passwordHash: true } });
}

function signInAs(user: { id: string; sessionVersion: number; passwordHash: string | null }) {
  if (user.passwordHash) return { ok: false as const, reason: "PasswordAccount" as const };
  return { ok: true as const, user: { id: user.id, sessionVersion: user.sessionVersion } };
}
