import "server-only";
import { assertTeamScope, type TeamReader } from "@/lib/auth/team-actor";
import { CALL_READ_SCOPES } from "@/lib/rbac";
import { db } from "@/lib/db";

/**
 * The WhatTalk assistant ids an agent may see the calls of. Scoped by team as well as membership, so
 * a membership id from another team yields nothing. Empty for an agent without assignments (who then
 * sees no calls).
 */
export async function listAssignedAssistantIds(who: TeamReader, membershipId: string): Promise<number[]> {
  const teamId = assertTeamScope(who, CALL_READ_SCOPES);
  const rows = await db().agentAssignment.findMany({ where: { teamId, membershipId }, select: { assistantId: true }, orderBy: { assistantId: "asc" } });
  return rows.map((r) => r.assistantId);
}
