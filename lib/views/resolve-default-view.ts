import "server-only";
import type { TeamAccess } from "@/lib/auth/team-access";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getView } from "./get-view";
import type { SavedViewDTO } from "./types";

/** The view that applies when the calls page opens without filters: the user's default, else the team's, else none. */
export async function resolveDefaultView(access: TeamAccess): Promise<SavedViewDTO | null> {
  const [pref, team] = await Promise.all([
    db().teamMemberPreference.findUnique({ where: { teamId_userId: { teamId: access.team.id, userId: access.user.id } }, select: { defaultViewId: true } }),
    db().team.findUnique({ where: { id: access.team.id }, select: { defaultViewId: true } }),
  ]);
  for (const id of [pref?.defaultViewId, team?.defaultViewId]) {
    if (!id) continue;
    try {
      return await getView(access, id);
    } catch (error) {
      if (error instanceof AppError && error.code === "NOT_FOUND") continue;
      throw error;
    }
  }
  return null;
}
