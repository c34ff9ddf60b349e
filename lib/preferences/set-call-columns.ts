import "server-only";
import type { TeamAccess } from "@/lib/auth/team-access";
import { normaliseColumns, visibleColumns, type CallColumnId } from "@/lib/calls/columns";
import { db } from "@/lib/db";

/**
 * Remembers the member's visible call columns in this team (stored in table order, without
 * duplicates). Returns what the member will see. A personal setting: not audited.
 */
export async function setCallColumns(access: TeamAccess, columns: readonly CallColumnId[]): Promise<CallColumnId[]> {
  const stored = normaliseColumns(columns);
  await db().teamMemberPreference.upsert({
    where: { teamId_userId: { teamId: access.team.id, userId: access.user.id } },
    create: { teamId: access.team.id, userId: access.user.id, columns: stored },
    update: { columns: stored },
  });
  return visibleColumns(stored, { costs: access.can("calls:costs") });
}
