import { z } from "zod";
import { requireTeam } from "@/lib/auth/team-access";
import { json, readJson, route } from "@/lib/http/route";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { removeMember } from "@/lib/members/remove-member";
import { memberActor } from "@/lib/teams/team-actor";
import { roleSchema } from "@/lib/validation/accounts";

type Params = { teamId: string; membershipId: string };

/** Changes a member's role: { role } (members:manage; owner/admin only by owners; never your own). */
export const PATCH = route<Params>(async (req, { teamId, membershipId }) => {
  const access = await requireTeam({ teamId }, "members:manage");
  const { role } = await readJson(req, z.object({ role: roleSchema }));
  const member = await changeMemberRole({ actor: memberActor(access), membershipId, role });
  return json({ member });
});

/** Removes a member from the team (members:manage). */
export const DELETE = route<Params>(async (_req, { teamId, membershipId }) => {
  const access = await requireTeam({ teamId }, "members:manage");
  await removeMember({ actor: memberActor(access), membershipId });
  return json({ ok: true });
});
