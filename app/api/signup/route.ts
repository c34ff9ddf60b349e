import { z } from "zod";
import { clientIp, consumeSignup } from "@/lib/auth/throttle";
import { AppError } from "@/lib/errors";
import { json, readJson, route } from "@/lib/http/route";
import { signUp } from "@/lib/users/sign-up";

// Field rules live in the service (lib/validation/accounts.ts); here only the shape.
const body = z.object({
  email: z.string().max(400),
  password: z.string().max(1024),
  name: z.string().max(400),
  inviteToken: z.string().max(200).nullish(),
});

/**
 * Creates an account (403 when sign-up is off, unless the caller holds an invitation for that
 * e-mail). 202 with the same body whether the address was free or already had an account, so the
 * answer never tells which (the browser then signs in with the new password, see SignUpForm).
 */
export const POST = route(async (req) => {
  const input = await readJson(req, body);
  const wait = await consumeSignup(clientIp(req.headers));
  if (wait > 0) throw new AppError("RATE_LIMITED", `Too many sign-ups from your network. Try again in ${Math.ceil(wait / 60)} min.`, { retryAfterSeconds: wait });
  await signUp(input);
  return json({ ok: true }, { status: 202 });
});
