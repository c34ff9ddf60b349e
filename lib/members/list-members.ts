import "server-only";
import { assertTeamScope, type TeamReader } from "@/lib/auth/team-actor";
import { db } from "@/lib/db";
import { MEMBER_LIST_SCOPES, type Role } from "@/lib/rbac";
import { ROLE_RANK } from "@/lib/members/rules";
import type { MemberDTO } from "@/lib/members/types";

/** A team's members, owners first, then by name. Needs members:manage or assignments:manage. */
export async function listMembers(who: TeamReader): Promise<MemberDTO[]> {
  const teamId = assertTeamScope(who, MEMBER_LIST_SCOPES);
  const rows = await db().membership.findMany({
    where: { teamId },
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
  });
  return rows
    .map((m) => ({ membershipId: m.id, userId: m.user.id, name: m.user.name, email: m.user.email, role: m.role as Role, joinedAt: m.createdAt.toISOString() }))
    .sort((a, b) => ROLE_RANK[a.role] - ROLE_RANK[b.role] || a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
}
