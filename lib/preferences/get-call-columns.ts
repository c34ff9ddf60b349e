import "server-only";
import type { TeamAccess } from "@/lib/auth/team-access";
import { visibleColumns, type CallColumnId } from "@/lib/calls/columns";
import { db } from "@/lib/db";

/** The member's visible call columns in this team (the defaults until they choose), minus what their role may not see. */
export async function getCallColumns(access: TeamAccess): Promise<CallColumnId[]> {
  const row = await db().teamMemberPreference.findUnique({
    where: { teamId_userId: { teamId: access.team.id, userId: access.user.id } },
    select: { columns: true },
  });
  return visibleColumns(row?.columns ?? null, { costs: access.can("calls:costs") });
}
