import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { can, scopesOf, type Role, type Scope, type ScopeRule } from "@/lib/rbac";
import { requireUser, type CurrentUser } from "@/lib/auth/session";

export type TeamSummary = { id: string; name: string; slug: string; timeZone: string; country: string };

export type TeamAccess = {
  user: CurrentUser;
  team: TeamSummary;
  role: Role;
  membershipId: string;
  scopes: Scope[];
  can(scope: Scope): boolean;
};

export type TeamRef = { teamId: string } | { slug: string };

const loadMembership = cache(async (userId: string, key: string, by: "id" | "slug") => {
  return db().membership.findFirst({
    where: { userId, team: by === "id" ? { id: key } : { slug: key } },
    select: { id: true, role: true, team: { select: { id: true, name: true, slug: true, timeZone: true, country: true } } },
  });
});

/**
 * The one access check for team resources: a signed-in user (401), a member of the team (404, so
 * another team's existence never leaks), holding at least one of the scopes asked for (403).
 * Re-reads the membership from the database, at most once per request.
 */
export async function requireTeam(ref: TeamRef, scope?: ScopeRule): Promise<TeamAccess> {
  const user = await requireUser();
  const membership = "teamId" in ref ? await loadMembership(user.id, ref.teamId, "id") : await loadMembership(user.id, ref.slug, "slug");
  if (!membership) throw notFound("Team not found.");
  const role = membership.role as Role;
  const access: TeamAccess = {
    user,
    team: membership.team,
    role,
    membershipId: membership.id,
    scopes: scopesOf(role),
    can: (s) => can(role, s),
  };
  if (scope) assertScope(access, scope);
  return access;
}

/** The one scope check: the role holds `scope`, or any scope of a set (403 otherwise; an empty set: any role). */
export function assertScope(access: Pick<TeamAccess, "role">, scope: ScopeRule): void {
  const wanted: readonly Scope[] = typeof scope === "string" ? [scope] : scope;
  if (wanted.length && !wanted.some((s) => can(access.role, s))) throw forbidden();
}

export function isAccessError(error: unknown): error is AppError {
  return error instanceof AppError && ["UNAUTHENTICATED", "NOT_FOUND", "FORBIDDEN"].includes(error.code);
}
