// A saved view's row as the UI and API see it (SavedViewDTO), with what it needs read in one go.
import "server-only";
import type { TeamAccess } from "@/lib/auth/team-access";
import { db, type Prisma } from "@/lib/db";
import { CALL_FILTERS_SCHEMA_VERSION, parseStoredFilters, type CallFilters } from "@/lib/validation/call-filters";
import { CALL_COLUMN_IDS as COLUMN_IDS } from "@/lib/calls/columns";
import { missingDirectoryIds, type MissingIds } from "@/lib/directory/missing-ids";
import type { ViewRow } from "./select";
import type { SavedViewDTO } from "./types";

/** The team directory's word on the assistants and campaigns the views name (lib/directory/missing-ids.ts). */
function missingIn(access: TeamAccess, rows: ViewRow[]): Promise<MissingIds> {
  const ids = (key: "assistant_id" | "campaign_id") =>
    rows.map((r) => Number((r.filters as Record<string, unknown> | null)?.[key] ?? NaN)).filter((n) => Number.isSafeInteger(n) && n > 0);
  return missingDirectoryIds(access, { assistant: ids("assistant_id"), campaign: ids("campaign_id") });
}

export type DTOContext = { names: Map<string, string>; missing: MissingIds };

export async function contextFor(access: TeamAccess, rows: ViewRow[]): Promise<DTOContext> {
  const [names, missing] = await Promise.all([namesOf(rows.map((r) => r.updatedById)), missingIn(access, rows)]);
  return { names, missing };
}

export function toDTO(access: TeamAccess, row: ViewRow, { names, missing }: DTOContext): SavedViewDTO {
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

export async function namesOf(ids: (string | null)[], client: Prisma.TransactionClient = db()): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((i): i is string => !!i))];
  if (!unique.length) return new Map();
  const users = await client.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}
