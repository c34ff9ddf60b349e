import { z } from "zod";
import { json, readJson } from "@/lib/http/route";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { removeMember } from "@/lib/members/remove-member";
import { memberActor } from "@/lib/auth/team-actor";
import { roleSchema } from "@/lib/validation/accounts";
import { teamRoute } from "@/lib/http/team-route";

type Params = { teamId: string; membershipId: string };

/** Changes a member's role: { role } (members:manage; owner/admin only by owners; never your own). */
export const PATCH = teamRoute<Params>("members:manage", async (access, req, { membershipId }) => {
  const { role } = await readJson(req, z.object({ role: roleSchema }));
  const member = await changeMemberRole({ actor: memberActor(access), membershipId, role });
  return json({ member });
});

/** Removes a member from the team (members:manage). */
export const DELETE = teamRoute<Params>("members:manage", async (access, _req, { membershipId }) => {
  await removeMember({ actor: memberActor(access), membershipId });
  return json({ ok: true });
});
