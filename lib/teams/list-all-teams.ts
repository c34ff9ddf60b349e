import "server-only";
import { db } from "@/lib/db";
import { TEAM_SELECT, type TeamDTO } from "@/lib/teams/types";

/** Every team, by slug, without any access check: for the admin CLI only (an operator's overview). */
export async function listAllTeams(): Promise<TeamDTO[]> {
  return db().team.findMany({ select: TEAM_SELECT, orderBy: { slug: "asc" } });
}
