import { z } from "zod";
import { json, readJson } from "@/lib/http/route";
import { deleteTeam } from "@/lib/teams/delete-team";
import { memberActor } from "@/lib/auth/team-actor";
import { updateTeamSettings } from "@/lib/teams/update-team-settings";
import { teamRoute } from "@/lib/http/team-route";

type Params = { teamId: string };

const settingsBody = z.object({
  name: z.string().max(400).optional(),
  slug: z.string().max(400).optional(),
  timeZone: z.string().max(100).optional(),
  country: z.string().max(10).optional(),
});

/** Team settings: name, slug, time zone, country (team:settings). */
export const PATCH = teamRoute<Params>("team:settings", async (access, req) => {
  const changes = await readJson(req, settingsBody);
  return json({ team: await updateTeamSettings({ actor: memberActor(access), changes }) });
});

/** Deletes the team (team:delete); the body repeats the slug: { confirmSlug }. */
export const DELETE = teamRoute<Params>("team:delete", async (access, req) => {
  const { confirmSlug } = await readJson(req, z.object({ confirmSlug: z.string().max(400) }));
  await deleteTeam({ actor: memberActor(access), confirmSlug });
  return json({ ok: true });
});
