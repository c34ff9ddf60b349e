import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { TeamAccess } from "@/lib/auth/team-access";
import { db, Prisma } from "@/lib/db";
import { AppError, conflict, forbidden, notFound } from "@/lib/errors";
import { CALL_FILTERS_SCHEMA_VERSION, parseCallFilters, parseStoredFilters, toStoredFilters, type CallFilters } from "@/lib/validation/call-filters";
import { CALL_COLUMN_IDS as COLUMN_IDS } from "@/lib/calls/columns";
import { missingDirectoryIds, type MissingIds } from "@/lib/directory/missing-ids";
import type { SavedViewDTO, ViewsList, ViewVisibility } from "./types";

// Saved views: personal or team-wide filter presets. Anyone who can read calls manages their own
// personal views; team views and the team default need `views:share`. Names are unique per owner
// among personal views and per team among team views (one unique index on teamId+scopeKey+nameKey).
// Updates carry the version they edited: a stale copy gets 409, never a silent overwrite.

export const viewNameSchema = z.string().trim().min(1, "Give the view a name.").max(80, "Use at most 80 characters.");
export const viewColumnsSchema = z
  .array(z.string())
  .max(COLUMN_IDS.length, "Too many columns.")
  .refine((cols) => cols.every((c) => (COLUMN_IDS as readonly string[]).includes(c)), { message: "Unknown column." })
  .refine((cols) => new Set(cols).size === cols.length, { message: "A column is listed twice." })
  .refine((cols) => cols.length > 0, { message: "Choose at least one column." });

export const createViewSchema = z.object({
  name: viewNameSchema,
  visibility: z.enum(["PERSONAL", "TEAM"]).default("PERSONAL"),
  filters: z.record(z.string(), z.unknown()).default({}),
  columns: viewColumnsSchema,
});

export const updateViewSchema = z.object({
  version: z.number().int().positive("Send the version you edited."),
  name: viewNameSchema.optional(),
  visibility: z.enum(["PERSONAL", "TEAM"]).optional(),
  filters: z.record(z.string(), z.unknown()).optional(),
  columns: viewColumnsSchema.optional(),
});

const TEAM_SCOPE = "team";
const nameKey = (name: string) => name.trim().normalize("NFKC").toLowerCase();
const scopeKeyOf = (visibility: ViewVisibility, ownerId: string) => (visibility === "TEAM" ? TEAM_SCOPE : ownerId);

const viewSelect = {
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
type ViewRow = Prisma.SavedViewGetPayload<{ select: typeof viewSelect }>;

/** Validates filters for storage: the same schema as the calls page; paging is not part of a view. */
function storedFilters(access: TeamAccess, input: Record<string, unknown>): Record<string, unknown> {
  const parsed = parseCallFilters(input, access.team);
  if (!parsed.ok) throw new AppError("BAD_REQUEST", "Some filters of the view are invalid.", { fieldErrors: Object.fromEntries(Object.entries(parsed.fieldErrors).map(([k, v]) => [`filters.${k}`, v])) });
  return toStoredFilters(parsed.filters);
}

/** The team directory's word on the assistants and campaigns the views name (lib/directory/missing-ids.ts). */
function missingIn(access: TeamAccess, rows: ViewRow[]): Promise<MissingIds> {
  const ids = (key: "assistant_id" | "campaign_id") =>
    rows.map((r) => Number((r.filters as Record<string, unknown> | null)?.[key] ?? NaN)).filter((n) => Number.isSafeInteger(n) && n > 0);
  return missingDirectoryIds(access.team.id, { assistant: ids("assistant_id"), campaign: ids("campaign_id") });
}

type DTOContext = { names: Map<string, string>; missing: MissingIds };

async function contextFor(access: TeamAccess, rows: ViewRow[]): Promise<DTOContext> {
  const [names, missing] = await Promise.all([namesOf(rows.map((r) => r.updatedById)), missingIn(access, rows)]);
  return { names, missing };
}

function toDTO(access: TeamAccess, row: ViewRow, { names, missing }: DTOContext): SavedViewDTO {
  const result = row.schemaVersion > CALL_FILTERS_SCHEMA_VERSION ? null : parseStoredFilters(row.filters, access.team);
  let problem: Record<string, string[]> | null = null;
  let parsed: Omit<CallFilters, "page"> | null = null;
  if (!result) problem = { _form: ["This view was saved by a newer version of the portal."] };
  else if (!result.ok) problem = result.fieldErrors;
  else {
    const rest = result.filters;
    parsed = rest;
    // Valid filters naming an assistant or campaign the directory no longer has: the view would
    // quietly match nothing (or, for an agent, read as "not assigned to you"), so it needs fixing.
    const gone: Record<string, string[]> = {};
    if (rest.assistant_id !== undefined && missing.assistant.has(rest.assistant_id)) gone.assistant_id = [`Assistant #${rest.assistant_id} is no longer in this team's directory: choose another assistant or remove that filter.`];
    if (rest.campaign_id !== undefined && missing.campaign.has(rest.campaign_id)) gone.campaign_id = [`Campaign #${rest.campaign_id} is no longer in this team's directory: choose another campaign or remove that filter.`];
    if (Object.keys(gone).length) problem = gone;
  }
  const columns = Array.isArray(row.columns) ? (row.columns as unknown[]).filter((c): c is string => typeof c === "string" && (COLUMN_IDS as readonly string[]).includes(c)) : [];
  const isMine = row.ownerId === access.user.id;
  return {
    id: row.id,
    name: row.name,
    visibility: row.visibility,
    filters: row.filters as Record<string, unknown>,
    parsed,
    problem,
    columns,
    version: row.version,
    owner: row.owner ? { id: row.owner.id, name: row.owner.name, formerMember: !row.owner.memberships.some((m) => m.teamId === row.teamId) } : null,
    isMine,
    canEdit: row.visibility === "TEAM" ? access.can("views:share") : isMine,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedById ? (names.get(row.updatedById) ?? null) : null,
  };
}

async function namesOf(ids: (string | null)[], client: Prisma.TransactionClient = db()): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((i): i is string => !!i))];
  if (!unique.length) return new Map();
  const users = await client.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

/** A view the member may see: a team view of this team, or their own personal view. Otherwise 404. */
async function loadVisible(access: TeamAccess, viewId: string): Promise<ViewRow> {
  const row = await db().savedView.findFirst({
    where: { id: viewId, teamId: access.team.id, OR: [{ visibility: "TEAM" }, { ownerId: access.user.id }] },
    select: viewSelect,
  });
  if (!row) throw notFound("View not found.");
  return row;
}

function assertCanEdit(access: TeamAccess, row: { visibility: ViewVisibility; ownerId: string | null }) {
  if (row.visibility === "TEAM" ? !access.can("views:share") : row.ownerId !== access.user.id) {
    throw forbidden(row.visibility === "TEAM" ? "Only supervisors and admins can change team views." : "You can only change your own views.");
  }
}

function nameConflict(visibility: ViewVisibility): AppError {
  const message = visibility === "TEAM" ? "The team already has a view with this name." : "You already have a view with this name.";
  return conflict(message, { name: [message] });
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

function auditTeamView(access: TeamAccess, action: "view.created" | "view.updated" | "view.shared" | "view.deleted" | "view.team_default_set", view: { id: string; name: string }, data?: Prisma.InputJsonValue, tx?: Prisma.TransactionClient) {
  return recordAudit({ teamId: access.team.id, actor: access.user, action, target: { type: "view", id: view.id, label: view.name }, data }, tx);
}

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

export async function getView(access: TeamAccess, viewId: string): Promise<SavedViewDTO> {
  const row = await loadVisible(access, viewId);
  return toDTO(access, row, await contextFor(access, [row]));
}

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

export async function deleteView(access: TeamAccess, viewId: string): Promise<void> {
  const current = await loadVisible(access, viewId);
  assertCanEdit(access, current);
  await db().$transaction(async (tx) => {
    // Defaults pointing at it fall back (user → team → none) through ON DELETE SET NULL.
    await tx.savedView.delete({ where: { id: viewId } });
    if (current.visibility === "TEAM") await auditTeamView(access, "view.deleted", current, undefined, tx);
  });
}

/** Sets (or clears with null) the member's own default view. */
export async function setMyDefaultView(access: TeamAccess, viewId: string | null): Promise<void> {
  if (viewId) await loadVisible(access, viewId);
  await db().teamMemberPreference.upsert({
    where: { teamId_userId: { teamId: access.team.id, userId: access.user.id } },
    create: { teamId: access.team.id, userId: access.user.id, defaultViewId: viewId },
    update: { defaultViewId: viewId },
  });
}

/** Sets (or clears) the team default; needs `views:share` and a team view. */
export async function setTeamDefaultView(access: TeamAccess, viewId: string | null): Promise<void> {
  if (!access.can("views:share")) throw forbidden("Only supervisors and admins can set the team default.");
  let view: ViewRow | null = null;
  if (viewId) {
    view = await loadVisible(access, viewId);
    if (view.visibility !== "TEAM") throw new AppError("BAD_REQUEST", "Share the view with the team before making it the team default.", { fieldErrors: { team: ["Only team views can be the team default."] } });
  }
  await db().$transaction(async (tx) => {
    await tx.team.update({ where: { id: access.team.id }, data: { defaultViewId: viewId } });
    await recordAudit({ teamId: access.team.id, actor: access.user, action: "view.team_default_set", target: { type: "view", id: viewId, label: view?.name ?? "(none)" } }, tx);
  });
}

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

/** When a member leaves or is removed: their personal views go, their team views stay (owner shown as a former member). */
export async function deletePersonalViews(teamId: string, userId: string, tx: Prisma.TransactionClient = db()): Promise<number> {
  const { count } = await tx.savedView.deleteMany({ where: { teamId, ownerId: userId, visibility: "PERSONAL" } });
  await tx.teamMemberPreference.deleteMany({ where: { teamId, userId } });
  return count;
}
