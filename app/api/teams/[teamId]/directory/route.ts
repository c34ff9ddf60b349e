import { json } from "@/lib/http/route";
import { listAssignedAssistantIds } from "@/lib/assignments/list-assigned-assistant-ids";
import { listDirectory } from "@/lib/directory/list-directory";
import { teamRoute } from "@/lib/http/team-route";
import { CALL_READ_SCOPES } from "@/lib/rbac";

/**
 * The team's assistants and campaigns (any member who may read calls). Agents see only the
 * assistants assigned to them.
 */
export const GET = teamRoute(CALL_READ_SCOPES, async (access) => {
  const onlyAssistantIds = access.can("calls:read:all") ? undefined : await listAssignedAssistantIds(access, access.membershipId);
  return json(await listDirectory(access, { onlyAssistantIds }));
});
