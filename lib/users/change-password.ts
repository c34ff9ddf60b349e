import "server-only";
import { db } from "@/lib/db";
import { AppError, badRequest, notFound } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { startLoginAttempt } from "@/lib/auth/throttle";
import { passwordSchema } from "@/lib/validation/accounts";
import { fieldErrorsOf } from "@/lib/validation/parse";

/**
 * Changes a password after checking the current one, and bumps the session version in the same
 * write: every other session of the user ends on its next request. Returns the new session version
 * so the caller can re-issue the current browser's session. Wrong current passwords count against
 * the same throttle as sign-in (a stolen session must not become a password-guessing oracle).
 */
export async function changePassword(input: { userId: string; currentPassword: string; newPassword: string; clientIp: string }): Promise<{ sessionVersion: number }> {
  const parsed = passwordSchema.safeParse(input.newPassword);
  if (!parsed.success) throw badRequest("Choose a different new password.", { newPassword: Object.values(fieldErrorsOf(parsed.error)).flat() });
  const user = await db().user.findUnique({ where: { id: input.userId }, select: { email: true, passwordHash: true } });
  if (!user) throw notFound("Account not found.");
  // The point is taken before the check, so concurrent guesses cannot all get through (lib/auth/throttle.ts).
  const started = await startLoginAttempt(user.email, input.clientIp);
  if (!started.ok) {
    const wait = started.retryAfterSeconds;
    throw new AppError("RATE_LIMITED", `Too many wrong passwords. Try again in ${wait} s.`, { retryAfterSeconds: wait });
  }
  if (!(await verifyPassword(user.passwordHash, input.currentPassword ?? ""))) {
    const message = user.passwordHash ? "That is not your current password." : "This account signs in with GitHub or Google and has no password to change.";
    throw badRequest(message, { currentPassword: [message] });
  }
  await started.attempt.succeeded();
  const updated = await db().user.update({
    where: { id: input.userId },
    data: { passwordHash: await hashPassword(parsed.data), sessionVersion: { increment: 1 } },
    select: { sessionVersion: true },
  });
  return { sessionVersion: updated.sessionVersion };
}
