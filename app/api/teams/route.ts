import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { json, readJson, route } from "@/lib/http/route";
import { createTeam } from "@/lib/teams/create-team";

const body = z.object({
  name: z.string().max(400),
  slug: z.string().max(400).nullish(),
  timeZone: z.string().max(100).nullish(),
  country: z.string().max(10).nullish(),
});

/** Creates a team; the signed-in user becomes its owner. */
export const POST = route(async (req) => {
  const user = await requireUser();
  const input = await readJson(req, body);
  const team = await createTeam({ ownerUserId: user.id, ...input });
  return json({ team }, { status: 201 });
});
