import "server-only";
import { db } from "@/lib/db";
import { TEAM_SELECT, type TeamDTO } from "@/lib/teams/types";

/** A team by address, without any access check: for the admin CLI and seeds only. */
export async function findTeamBySlug(slug: string): Promise<TeamDTO | null> {
  return db().team.findUnique({ where: { slug: slug.trim().toLowerCase() }, select: TEAM_SELECT });
}
