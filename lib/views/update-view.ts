import "server-only";
import type { z } from "zod";
import type { TeamAccess } from "@/lib/auth/team-access";
import { db, isUniqueViolation, type Prisma } from "@/lib/db";
import { AppError, forbidden } from "@/lib/errors";
import { CALL_FILTERS_SCHEMA_VERSION } from "@/lib/validation/call-filters";
import { contextFor, namesOf, toDTO } from "./dto";
import { assertCanEdit, auditTeamView, nameConflict, nameKey, scopeKeyOf, storedFilters } from "./rules";
import type { updateViewSchema } from "./schema";
import { loadVisible, viewSelect } from "./select";
import type { SavedViewDTO } from "./types";

/**
 * Renames, shares (personal → team, never back) or stores new filters and columns. Carries the
 * version the client edited: a stale copy gets 409, never a silent overwrite.
 */
export async function updateView(access: TeamAccess, viewId: string, input: z.output<typeof updateViewSchema>): Promise<SavedViewDTO> {
  const current = await loadVisible(access, viewId);
  assertCanEdit(access, current);
  const visibility = input.visibility ?? current.visibility;
  if (visibility !== current.visibility) {
    if (visibility === "TEAM" && !access.can("views:share")) throw forbidden("Only supervisors and admins can share views with the team.");
    if (visibility === "PERSONAL") throw new AppError("BAD_REQUEST", "A team view cannot be made personal again; save a personal copy instead.", { fieldErrors: { visibility: ["Team views stay team views."] } });
  }
  const filters = input.filters ? storedFilters(access, input.filters) : undefined;
  const name = input.name ?? current.name;
  const ownerId = current.ownerId ?? access.user.id;
  try {
    const row = await db().$transaction(async (tx) => {
      // Compare-and-set on the version the client edited.
      const changed = await tx.savedView.updateMany({
        where: { id: viewId, teamId: access.team.id, version: input.version },
        data: {
          name,
          nameKey: nameKey(name),
          scopeKey: scopeKeyOf(visibility, ownerId),
          visibility,
          ...(filters ? { filters: filters as Prisma.InputJsonValue, schemaVersion: CALL_FILTERS_SCHEMA_VERSION } : {}),
          ...(input.columns ? { columns: input.columns } : {}),
          version: { increment: 1 },
          updatedById: access.user.id,
        },
      });
      if (changed.count === 0) {
        const latest = await tx.savedView.findUnique({ where: { id: viewId }, select: { updatedAt: true, updatedById: true, version: true } });
        const who = latest?.updatedById ? (await namesOf([latest.updatedById], tx)).get(latest.updatedById) : null;
        throw new AppError("CONFLICT", `This view was changed${who ? ` by ${who}` : ""} since you opened it. Reload it to see the changes, then save again.`, {
          details: { reason: "stale", currentVersion: latest?.version ?? null },
        });
      }
      const updated = await tx.savedView.findUniqueOrThrow({ where: { id: viewId }, select: viewSelect });
      if (visibility === "TEAM") {
        const action = current.visibility === "PERSONAL" ? "view.shared" : "view.updated";
        await auditTeamView(access, action, updated, { ...(input.name && input.name !== current.name ? { renamedFrom: current.name } : {}), ...(filters ? { filters: filters as Prisma.InputJsonValue } : {}), ...(input.columns ? { columns: input.columns } : {}) }, tx);
      }
      return updated;
    });
    return toDTO(access, row, await contextFor(access, [row]));
  } catch (error) {
    if (isUniqueViolation(error)) throw nameConflict(visibility);
    throw error;
  }
}
