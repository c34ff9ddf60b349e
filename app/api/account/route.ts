import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { json, readJson, route } from "@/lib/http/route";
import { updateProfile } from "@/lib/users/update-profile";

const body = z.object({ name: z.string().max(400) });

/** Changes the signed-in user's name. */
export const PATCH = route(async (req) => {
  const user = await requireUser();
  const { name } = await readJson(req, body);
  return json({ user: await updateProfile({ userId: user.id, name }) });
});
