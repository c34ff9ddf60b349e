import "server-only";
import { db, isUniqueViolation } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { hashInvitationToken, invitationStatus } from "@/lib/invitations/token";
import { emailSchema } from "@/lib/validation/accounts";
import { parseOrThrow } from "@/lib/validation/parse";
import { newUserSchema } from "@/lib/users/create-user";
import { notifyExistingAccountOfSignUp } from "@/lib/users/notify-existing-account";

export const SIGNUP_CLOSED_MESSAGE = "Sign-up is closed: ask a team admin for an invitation.";

/**
 * Self-service sign-up. When SIGNUP_ENABLED is off, only someone holding a valid (pending, unexpired)
 * invitation for the same e-mail address may create an account; joining the team is a separate step
 * (accepting the invitation), so the account exists even if they change their mind.
 *
 * Whether the address already has an account is never told: the caller gets the same result either
 * way, after the same work (the password is hashed in both cases). An existing account is left exactly
 * as it was and its owner is notified (notifyExistingAccountOfSignUp); no second account is created.
 */
export async function signUp(input: { email: string; password: string; name: string; inviteToken?: string | null }): Promise<void> {
  if (!env().SIGNUP_ENABLED) {
    const email = emailSchema.safeParse(input.email);
    const invitation = input.inviteToken
      ? await db().invitation.findUnique({
          where: { tokenHash: hashInvitationToken(input.inviteToken) },
          select: { email: true, acceptedAt: true, revokedAt: true, expiresAt: true },
        })
      : null;
    if (!invitation || invitationStatus(invitation) !== "pending") throw new AppError("FORBIDDEN", SIGNUP_CLOSED_MESSAGE, { details: { reason: "signup_disabled" } });
    if (!email.success || email.data !== invitation.email) {
      const message = "Sign-up is closed except for invitations: use the e-mail address the invitation was sent to.";
      throw new AppError("FORBIDDEN", message, { fieldErrors: { email: [message] }, details: { reason: "invitation_email_mismatch" } });
    }
  }
  const data = parseOrThrow(newUserSchema, { email: input.email, password: input.password, name: input.name });
  const passwordHash = await hashPassword(data.password);
  const existing = await db().user.findUnique({ where: { email: data.email }, select: { id: true } });
  if (existing) return notifyExistingAccountOfSignUp(existing);
  try {
    await db().user.create({ data: { email: data.email, name: data.name, passwordHash }, select: { id: true } });
  } catch (error) {
    // A concurrent sign-up (or OAuth sign-in) took the address in between: the same as taken before.
    if (!isUniqueViolation(error)) throw error;
    const winner = await db().user.findUnique({ where: { email: data.email }, select: { id: true } });
    if (!winner) throw error;
    await notifyExistingAccountOfSignUp(winner);
  }
}
