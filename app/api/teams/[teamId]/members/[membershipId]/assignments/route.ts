import { z } from "zod";
import { json, readJson } from "@/lib/http/route";
import { listAssignments } from "@/lib/assignments/list-assignments";
import { setAssignments } from "@/lib/assignments/set-assignments";
import { memberActor } from "@/lib/auth/team-actor";
import { teamRoute } from "@/lib/http/team-route";

type Params = { teamId: string; membershipId: string };

/** An agent's assigned assistants (assignments:manage). */
export const GET = teamRoute<Params>("assignments:manage", async (access, _req, { membershipId }) => {
  return json(await listAssignments(access, membershipId));
});

/** Replaces an agent's assigned assistants: { assignments: [{ assistantId, label }] } (assignments:manage). */
export const PUT = teamRoute<Params>("assignments:manage", async (access, req, { membershipId }) => {
  const { assignments } = await readJson(req, z.object({ assignments: z.array(z.unknown()).max(1000) }));
  return json({ membershipId, assignments: await setAssignments({ actor: memberActor(access), membershipId, assignments }) });
});
