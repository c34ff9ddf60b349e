import { z } from "zod";
import { requireTeam } from "@/lib/auth/team-access";
import { json, readJson, route } from "@/lib/http/route";
import { deleteTeam } from "@/lib/teams/delete-team";
import { memberActor } from "@/lib/teams/team-actor";
import { updateTeamSettings } from "@/lib/teams/update-team-settings";

type Params = { teamId: string };

const settingsBody = z.object({
  name: z.string().max(400).optional(),
  slug: z.string().max(400).optional(),
  timeZone: z.string().max(100).optional(),
  country: z.string().max(10).optional(),
});

/** Team settings: name, slug, time zone, country (team:settings). */
export const PATCH = route<Params>(async (req, { teamId }) => {
  const access = await requireTeam({ teamId }, "team:settings");
  const changes = await readJson(req, settingsBody);
  return json({ team: await updateTeamSettings({ actor: memberActor(access), changes }) });
});

/** Deletes the team (team:delete); the body repeats the slug: { confirmSlug }. */
export const DELETE = route<Params>(async (req, { teamId }) => {
  const access = await requireTeam({ teamId }, "team:delete");
  const { confirmSlug } = await readJson(req, z.object({ confirmSlug: z.string().max(400) }));
  await deleteTeam({ actor: memberActor(access), confirmSlug });
  return json({ ok: true });
});
