// The saved-view columns the services read, and the one lookup of a view a member may see.
import "server-only";
import type { TeamAccess } from "@/lib/auth/team-access";
import { db, Prisma } from "@/lib/db";
import { notFound } from "@/lib/errors";

export const viewSelect = {
  id: true,
  teamId: true,
  ownerId: true,
  name: true,
  visibility: true,
  filters: true,
  schemaVersion: true,
  columns: true,
  version: true,
  updatedAt: true,
  owner: { select: { id: true, name: true, memberships: { select: { teamId: true } } } },
  updatedById: true,
} as const;
export type ViewRow = Prisma.SavedViewGetPayload<{ select: typeof viewSelect }>;

/** A view the member may see: a team view of this team, or their own personal view. Otherwise 404. */
export async function loadVisible(access: TeamAccess, viewId: string): Promise<ViewRow> {
  const row = await db().savedView.findFirst({
    where: { id: viewId, teamId: access.team.id, OR: [{ visibility: "TEAM" }, { ownerId: access.user.id }] },
    select: viewSelect,
  });
  if (!row) throw notFound("View not found.");
  return row;
}
