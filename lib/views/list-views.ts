import "server-only";
import type { TeamAccess } from "@/lib/auth/team-access";
import { db } from "@/lib/db";
import { contextFor, toDTO } from "./dto";
import { viewSelect } from "./select";
import type { ViewsList } from "./types";

/** The member's personal views, the team's views and the defaults in force (each default only when visible). */
export async function listViews(access: TeamAccess): Promise<ViewsList> {
  const [rows, pref, team] = await Promise.all([
    db().savedView.findMany({
      where: { teamId: access.team.id, OR: [{ visibility: "TEAM" }, { visibility: "PERSONAL", ownerId: access.user.id }] },
      select: viewSelect,
      orderBy: [{ name: "asc" }],
    }),
    db().teamMemberPreference.findUnique({ where: { teamId_userId: { teamId: access.team.id, userId: access.user.id } }, select: { defaultViewId: true } }),
    db().team.findUnique({ where: { id: access.team.id }, select: { defaultViewId: true } }),
  ]);
  const context = await contextFor(access, rows);
  const dtos = rows.map((r) => toDTO(access, r, context));
  const visible = new Set(dtos.map((d) => d.id));
  return {
    mine: dtos.filter((d) => d.visibility === "PERSONAL"),
    team: dtos.filter((d) => d.visibility === "TEAM"),
    defaults: {
      user: pref?.defaultViewId && visible.has(pref.defaultViewId) ? pref.defaultViewId : null,
      team: team?.defaultViewId && visible.has(team.defaultViewId) ? team.defaultViewId : null,
    },
  };
}
