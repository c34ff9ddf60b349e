import "server-only";
import type { z } from "zod";
import type { TeamAccess } from "@/lib/auth/team-access";
import { db, isUniqueViolation, type Prisma } from "@/lib/db";
import { forbidden } from "@/lib/errors";
import { CALL_FILTERS_SCHEMA_VERSION } from "@/lib/validation/call-filters";
import { contextFor, toDTO } from "./dto";
import { auditTeamView, nameConflict, nameKey, scopeKeyOf, storedFilters } from "./rules";
import type { createViewSchema } from "./schema";
import { viewSelect } from "./select";
import type { SavedViewDTO } from "./types";

/** Saves the current filters and columns under a name; a team view needs `views:share` (409 on a taken name). */
export async function createView(access: TeamAccess, input: z.output<typeof createViewSchema>): Promise<SavedViewDTO> {
  if (input.visibility === "TEAM" && !access.can("views:share")) throw forbidden("Only supervisors and admins can create team views.");
  const filters = storedFilters(access, input.filters);
  try {
    const row = await db().$transaction(async (tx) => {
      const created = await tx.savedView.create({
        data: {
          teamId: access.team.id,
          ownerId: access.user.id,
          name: input.name,
          nameKey: nameKey(input.name),
          scopeKey: scopeKeyOf(input.visibility, access.user.id),
          visibility: input.visibility,
          filters: filters as Prisma.InputJsonValue,
          schemaVersion: CALL_FILTERS_SCHEMA_VERSION,
          columns: input.columns,
          createdById: access.user.id,
          updatedById: access.user.id,
        },
        select: viewSelect,
      });
      if (input.visibility === "TEAM") await auditTeamView(access, "view.created", created, { filters: filters as Prisma.InputJsonValue, columns: input.columns }, tx);
      return created;
    });
    return toDTO(access, row, await contextFor(access, [row]));
  } catch (error) {
    if (isUniqueViolation(error)) throw nameConflict(input.visibility);
    throw error;
  }
}
