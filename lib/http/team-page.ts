import "server-only";
import { requireTeamPage } from "@/lib/auth/page";
import type { TeamAccess } from "@/lib/auth/team-access";
import type { ScopeRule } from "@/lib/rbac";
import { scopesOfRule } from "@/lib/http/team-route";

/**
 * A team page's access check, declared once per page: `const access = await teamPage(scope)(teamSlug)`
 * (redirect to sign-in, 404 for non-members, 403 without the scope, as `requireTeamPage`).
 */
export function teamPage(rule: ScopeRule) {
  const scopes = scopesOfRule(rule);
  const check = (teamSlug: string): Promise<TeamAccess> => requireTeamPage(teamSlug, scopes);
  return Object.assign(check, { scopes });
}
