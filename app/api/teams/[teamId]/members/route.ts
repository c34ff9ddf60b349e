import { json } from "@/lib/http/route";
import { listMembers } from "@/lib/members/list-members";
import { teamRoute } from "@/lib/http/team-route";
import { MEMBER_LIST_SCOPES } from "@/lib/rbac";

/** The team's members (members:manage, or assignments:manage to pick agents). */
export const GET = teamRoute(MEMBER_LIST_SCOPES, async (access) => {
  return json({ members: await listMembers(access) });
});
