import { z } from "zod";
import { json, readJson, route } from "@/lib/http/route";
import { signUp } from "@/lib/users/sign-up";

// Field rules live in the service (lib/validation/accounts.ts); here only the shape.
const body = z.object({
  email: z.string().max(400),
  password: z.string().max(1024),
  name: z.string().max(400),
  inviteToken: z.string().max(200).nullish(),
});

/** Creates an account (403 when sign-up is off, unless the caller holds an invitation for that e-mail). */
export const POST = route(async (req) => {
  const input = await readJson(req, body);
  const user = await signUp(input);
  return json({ user }, { status: 201 });
});
