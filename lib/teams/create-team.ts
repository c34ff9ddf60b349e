import "server-only";
import { z } from "zod";
import { db, isUniqueViolation } from "@/lib/db";
import { conflict, notFound } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { countrySchema, nameSchema, slugify, slugSchema, timeZoneSchema } from "@/lib/validation/accounts";
import { parseOrThrow } from "@/lib/validation/parse";
import { TEAM_SELECT, type TeamDTO } from "@/lib/teams/types";

export const createTeamSchema = z.object({
  name: nameSchema,
  /** Optional: derived from the name (made unique) when left out. */
  slug: slugSchema.optional(),
  timeZone: timeZoneSchema.default("Europe/Istanbul"),
  country: countrySchema.default("TR"),
});

const SLUG_TAKEN = "This address is taken. Choose another.";

/**
 * Creates a team; its creator becomes its owner (in the same transaction). An explicit slug that is
 * taken gives 409; a slug derived from the name gets a numeric suffix until it is free.
 */
export async function createTeam(input: {
  ownerUserId: string;
  name: string;
  slug?: string | null;
  timeZone?: string | null;
  country?: string | null;
  /** Who to record in the audit log; the owner by default (the CLI records its operator). */
  auditActor?: { id: string | null; email: string };
}): Promise<TeamDTO> {
  const data = parseOrThrow(createTeamSchema, {
    name: input.name,
    slug: input.slug || undefined,
    timeZone: input.timeZone || undefined,
    country: input.country || undefined,
  });
  const owner = await db().user.findUnique({ where: { id: input.ownerUserId }, select: { id: true, email: true } });
  if (!owner) throw notFound("User not found.");

  let slug = data.slug;
  if (slug) {
    if (await db().team.findUnique({ where: { slug }, select: { id: true } })) throw conflict(SLUG_TAKEN, { slug: [SLUG_TAKEN] });
  } else {
    slug = await freeSlug(slugify(data.name));
  }

  try {
    return await db().$transaction(async (tx) => {
      const team = await tx.team.create({ data: { name: data.name, slug, timeZone: data.timeZone, country: data.country }, select: TEAM_SELECT });
      await tx.membership.create({ data: { teamId: team.id, userId: owner.id, role: "OWNER" } });
      await recordAudit(
        {
          teamId: team.id,
          actor: input.auditActor ?? owner,
          action: "team.created",
          target: { type: "team", id: team.id, label: team.name },
          data: { slug: team.slug, owner: owner.email, timeZone: team.timeZone, country: team.country },
        },
        tx,
      );
      return team;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(SLUG_TAKEN, { slug: [SLUG_TAKEN] });
    throw error;
  }
}

async function freeSlug(base: string): Promise<string> {
  const taken = new Set(
    (await db().team.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((t) => t.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, 40 - String(n).length - 1)}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
