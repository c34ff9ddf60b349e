import "server-only";
import { db } from "@/lib/db";
import type { Role } from "@/lib/rbac";

export type UserTeam = { id: string; name: string; slug: string; role: Role };

/** The teams a user belongs to, alphabetically. */
export async function listUserTeams(userId: string): Promise<UserTeam[]> {
  const rows = await db().membership.findMany({
    where: { userId },
    select: { role: true, team: { select: { id: true, name: true, slug: true } } },
    orderBy: { team: { name: "asc" } },
  });
  return rows.map((r) => ({ ...r.team, role: r.role as Role }));
}
