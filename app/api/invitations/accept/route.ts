import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { json, readJson, route } from "@/lib/http/route";
import { acceptInvitation } from "@/lib/invitations/accept-invitation";

/** Accepts an invitation { token } for the signed-in user (whose e-mail must be the invited one). */
export const POST = route(async (req) => {
  const user = await requireUser();
  const { token } = await readJson(req, z.object({ token: z.string().min(1).max(200) }));
  const accepted = await acceptInvitation({ token, user });
  return json(accepted);
});
