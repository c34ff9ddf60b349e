import "server-only";
import type { NextRequest } from "next/server";
import { requireTeam, type TeamAccess } from "@/lib/auth/team-access";
import { route } from "@/lib/http/route";
import type { Scope, ScopeRule } from "@/lib/rbac";

type TeamHandler<P> = (access: TeamAccess, req: NextRequest, params: P) => Promise<Response>;

/** The scopes a rule names: one scope, or any one of a set (none: any member of the team). */
export function scopesOfRule(rule: ScopeRule): readonly Scope[] {
  return typeof rule === "string" ? [rule] : rule;
}

/**
 * A route handler under /api/teams/[teamId]: `route()`'s errors, no-store and cross-site refusal,
 * then `requireTeam` (401 / 404 / 403) before the handler sees the request. The declared scopes are
 * readable as `.scopes` (tests/integration/entry-points.ts reads them).
 */
export function teamRoute<P extends { teamId: string } = { teamId: string }>(rule: ScopeRule, handler: TeamHandler<P>) {
  const scopes = scopesOfRule(rule);
  const wrapped = route<P>(async (req, params) => {
    const access = await requireTeam({ teamId: params.teamId }, scopes);
    return handler(access, req, params);
  });
  return Object.assign(wrapped, { scopes });
}
