import { requireUser } from "@/lib/auth/session";
import { json, route } from "@/lib/http/route";
import { signOutEverywhere } from "@/lib/users/sign-out-everywhere";

/** Ends every session of the signed-in user, this one included. */
export const POST = route(async () => {
  const user = await requireUser();
  await signOutEverywhere(user.id);
  return json({ ok: true });
});
