import "server-only";
import { assertTeamScope, type TeamReader } from "@/lib/auth/team-actor";
import { db } from "@/lib/db";
import type { AgentAssignmentsDTO } from "@/lib/assignments/types";

/** Every agent of the team with their assigned assistants (by assistant id). */
export async function listAgentAssignments(who: TeamReader): Promise<AgentAssignmentsDTO[]> {
  const teamId = assertTeamScope(who, "assignments:manage");
  const rows = await db().membership.findMany({
    where: { teamId, role: "AGENT" },
    select: {
      id: true,
      user: { select: { id: true, name: true, email: true } },
      assignments: { select: { assistantId: true, label: true }, orderBy: { assistantId: "asc" } },
    },
  });
  return rows
    .map((m) => ({ membershipId: m.id, userId: m.user.id, name: m.user.name, email: m.user.email, assignments: m.assignments }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
}
