import { requireTeam } from "@/lib/auth/team-access";
import { json, route } from "@/lib/http/route";
import { listAssignedAssistantIds } from "@/lib/assignments/list-assigned-assistant-ids";
import { listDirectory } from "@/lib/directory/list-directory";

/**
 * The team's assistants and campaigns (any member who may read calls). Agents see only the
 * assistants assigned to them.
 */
export const GET = route<{ teamId: string }>(async (_req, { teamId }) => {
  const access = await requireTeam({ teamId }, ["calls:read:all", "calls:read:assigned"]);
  const onlyAssistantIds = access.can("calls:read:all") ? undefined : await listAssignedAssistantIds(access.team.id, access.membershipId);
  return json(await listDirectory(access.team.id, { onlyAssistantIds }));
});
