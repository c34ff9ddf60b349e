import { z } from "zod";
import { requireTeam } from "@/lib/auth/team-access";
import { json, readJson, route } from "@/lib/http/route";
import { listAssignments } from "@/lib/assignments/list-assignments";
import { setAssignments } from "@/lib/assignments/set-assignments";
import { memberActor } from "@/lib/teams/team-actor";

type Params = { teamId: string; membershipId: string };

/** An agent's assigned assistants (assignments:manage). */
export const GET = route<Params>(async (_req, { teamId, membershipId }) => {
  const access = await requireTeam({ teamId }, "assignments:manage");
  return json(await listAssignments(access.team.id, membershipId));
});

/** Replaces an agent's assigned assistants: { assignments: [{ assistantId, label }] } (assignments:manage). */
export const PUT = route<Params>(async (req, { teamId, membershipId }) => {
  const access = await requireTeam({ teamId }, "assignments:manage");
  const { assignments } = await readJson(req, z.object({ assignments: z.array(z.unknown()).max(1000) }));
  return json({ membershipId, assignments: await setAssignments({ actor: memberActor(access), membershipId, assignments }) });
});
