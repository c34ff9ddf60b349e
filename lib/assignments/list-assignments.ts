import "server-only";
import { assertTeamScope, type TeamReader } from "@/lib/auth/team-actor";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { Role } from "@/lib/rbac";
import type { AssignmentDTO } from "@/lib/assignments/types";

/** One member's assignments (404 when the membership is not in this team). */
export async function listAssignments(who: TeamReader, membershipId: string): Promise<{ membershipId: string; role: Role; assignments: AssignmentDTO[] }> {
  const teamId = assertTeamScope(who, "assignments:manage");
  const m = await db().membership.findFirst({
    where: { id: membershipId, teamId },
    select: { id: true, role: true, assignments: { select: { assistantId: true, label: true }, orderBy: { assistantId: "asc" } } },
  });
  if (!m) throw notFound("Member not found.");
  return { membershipId: m.id, role: m.role as Role, assignments: m.assignments };
}
