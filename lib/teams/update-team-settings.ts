import "server-only";
import { z } from "zod";
import { db, isUniqueViolation } from "@/lib/db";
import { badRequest, conflict } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { countrySchema, nameSchema, slugSchema, timeZoneSchema } from "@/lib/validation/accounts";
import { parseOrThrow } from "@/lib/validation/parse";
import { lockAndCheck, auditActorOf, type TeamActor } from "@/lib/auth/team-actor";
import { TEAM_SELECT, type TeamDTO } from "@/lib/teams/types";

export const teamSettingsSchema = z.object({
  name: nameSchema.optional(),
  slug: slugSchema.optional(),
  timeZone: timeZoneSchema.optional(),
  country: countrySchema.optional(),
});
export type TeamSettingsInput = z.input<typeof teamSettingsSchema>;

const SLUG_TAKEN = "This address is taken. Choose another.";

/** Changes a team's name, address (slug), time zone or country (team:settings). Records what changed. */
export async function updateTeamSettings(input: { actor: TeamActor; changes: TeamSettingsInput }): Promise<TeamDTO> {
  const wanted = parseOrThrow(teamSettingsSchema, input.changes);
  if (Object.values(wanted).every((v) => v === undefined)) throw badRequest("Nothing to change.");
  const teamId = input.actor.teamId;
  try {
    return await db().$transaction(async (tx) => {
      await lockAndCheck(tx, input.actor, "team:settings");
      const before = await tx.team.findUniqueOrThrow({ where: { id: teamId }, select: TEAM_SELECT });
      const changes: Record<string, { from: string; to: string }> = {};
      for (const key of ["name", "slug", "timeZone", "country"] as const) {
        const to = wanted[key];
        if (to !== undefined && to !== before[key]) changes[key] = { from: before[key], to };
      }
      if (Object.keys(changes).length === 0) return before;
      if (changes.slug && (await tx.team.findUnique({ where: { slug: changes.slug.to }, select: { id: true } }))) {
        throw conflict(SLUG_TAKEN, { slug: [SLUG_TAKEN] });
      }
      const team = await tx.team.update({
        where: { id: teamId },
        data: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.to])),
        select: TEAM_SELECT,
      });
      await recordAudit({ teamId, actor: auditActorOf(input.actor), action: "team.settings_changed", target: { type: "team", id: teamId, label: team.name }, data: { changes } }, tx);
      return team;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(SLUG_TAKEN, { slug: [SLUG_TAKEN] });
    throw error;
  }
}
