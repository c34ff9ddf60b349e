// Saved views' rules. Anyone who can read calls manages their own personal views; team views and the
// team default need `views:share`. Names are unique per owner among personal views and per team
// among team views (one unique index on teamId+scopeKey+nameKey).
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TeamAccess } from "@/lib/auth/team-access";
import { Prisma } from "@/lib/db";
import { AppError, conflict, forbidden } from "@/lib/errors";
import { parseCallFilters, toStoredFilters } from "@/lib/validation/call-filters";
import type { ViewVisibility } from "./types";

const TEAM_SCOPE = "team";
export const nameKey = (name: string) => name.trim().normalize("NFKC").toLowerCase();
export const scopeKeyOf = (visibility: ViewVisibility, ownerId: string) => (visibility === "TEAM" ? TEAM_SCOPE : ownerId);

/** Validates filters for storage: the same schema as the calls page; paging is not part of a view. */
export function storedFilters(access: TeamAccess, input: Record<string, unknown>): Record<string, unknown> {
  const parsed = parseCallFilters(input, access.team);
  if (!parsed.ok) throw new AppError("BAD_REQUEST", "Some filters of the view are invalid.", { fieldErrors: Object.fromEntries(Object.entries(parsed.fieldErrors).map(([k, v]) => [`filters.${k}`, v])) });
  return toStoredFilters(parsed.filters);
}

export function assertCanEdit(access: TeamAccess, row: { visibility: ViewVisibility; ownerId: string | null }) {
  if (row.visibility === "TEAM" ? !access.can("views:share") : row.ownerId !== access.user.id) {
    throw forbidden(row.visibility === "TEAM" ? "Only supervisors and admins can change team views." : "You can only change your own views.");
  }
}

export function nameConflict(visibility: ViewVisibility): AppError {
  const message = visibility === "TEAM" ? "The team already has a view with this name." : "You already have a view with this name.";
  return conflict(message, { name: [message] });
}

export function auditTeamView(access: TeamAccess, action: "view.created" | "view.updated" | "view.shared" | "view.deleted" | "view.team_default_set", view: { id: string; name: string }, data?: Prisma.InputJsonValue, tx?: Prisma.TransactionClient) {
  return recordAudit({ teamId: access.team.id, actor: access.user, action, target: { type: "view", id: view.id, label: view.name }, data }, tx);
}
