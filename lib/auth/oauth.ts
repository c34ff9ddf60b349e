import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

// OAuth sign-in links by verified e-mail to the one User row. New users are created only when
// sign-up is on, or when an open invitation exists for the e-mail.
export async function findOrCreateOAuthUser(input: {
  provider: string;
  email: string | null;
  name: string | null;
  profile: unknown;
}): Promise<{ ok: true; user: { id: string; sessionVersion: number } } | { ok: false; reason: "OAuthEmail" | "SignupDisabled" }> {
  const profile = (input.profile ?? {}) as { email_verified?: boolean };
  if (!input.email || (input.provider === "google" && profile.email_verified === false)) return { ok: false, reason: "OAuthEmail" };
  const email = input.email.trim().toLowerCase();
  const existing = await db().user.findUnique({ where: { email }, select: { id: true, sessionVersion: true } });
  if (existing) return { ok: true, user: existing };
  if (!env().SIGNUP_ENABLED) {
    const invited = await db().invitation.findFirst({ where: { email, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } } });
    if (!invited) return { ok: false, reason: "SignupDisabled" };
  }
  const user = await db().user.create({ data: { email, name: input.name?.trim() || email.split("@")[0] }, select: { id: true, sessionVersion: true } });
  return { ok: true, user };
}
