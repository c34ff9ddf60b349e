import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { hashInvitationToken, invitationStatus } from "@/lib/invitations/token";
import { emailSchema } from "@/lib/validation/accounts";
import { createUser } from "@/lib/users/create-user";
import type { UserDTO } from "@/lib/users/types";

export const SIGNUP_CLOSED_MESSAGE = "Sign-up is closed: ask a team admin for an invitation.";

/**
 * Self-service sign-up. When SIGNUP_ENABLED is off, only someone holding a valid (pending, unexpired)
 * invitation for the same e-mail address may create an account; joining the team is a separate step
 * (accepting the invitation), so the account exists even if they change their mind.
 */
export async function signUp(input: { email: string; password: string; name: string; inviteToken?: string | null }): Promise<UserDTO> {
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
  return createUser({ email: input.email, password: input.password, name: input.name });
}
