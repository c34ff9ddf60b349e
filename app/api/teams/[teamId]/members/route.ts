import { requireTeam } from "@/lib/auth/team-access";
import { json, route } from "@/lib/http/route";
import { listMembers } from "@/lib/members/list-members";

/** The team's members (members:manage, or assignments:manage to pick agents). */
export const GET = route<{ teamId: string }>(async (_req, { teamId }) => {
  const access = await requireTeam({ teamId }, ["members:manage", "assignments:manage"]);
  return json({ members: await listMembers(access.team.id) });
});
