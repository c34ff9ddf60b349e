// The scope each team page declares, by its route as the file system names it (route groups dropped).
// The page checks it with `teamPage(PAGE_SCOPES[route])`; tests/integration/entry-points.ts reads it
// from here, and tests/unit/page-scopes.test.ts fails on a team page without its entry.
import { CALL_READ_SCOPES, INDEX_STATUS_SCOPES, SETTINGS_SCOPES, type ScopeRule } from "@/lib/rbac";

export const PAGE_SCOPES = {
  "/teams/[teamSlug]/calls": CALL_READ_SCOPES,
  "/teams/[teamSlug]/calls/[callId]": CALL_READ_SCOPES,
  "/teams/[teamSlug]/analytics": "analytics:read",
  /** Opens the first settings page the role may see: any settings scope. */
  "/teams/[teamSlug]/settings": SETTINGS_SCOPES,
  "/teams/[teamSlug]/settings/general": "team:settings",
  "/teams/[teamSlug]/settings/members": "members:manage",
  "/teams/[teamSlug]/settings/assignments": "assignments:manage",
  "/teams/[teamSlug]/settings/directory": "assignments:manage",
  "/teams/[teamSlug]/settings/connection": "credentials:manage",
  "/teams/[teamSlug]/settings/search-index": INDEX_STATUS_SCOPES,
  "/teams/[teamSlug]/settings/audit": "audit:read",
} as const satisfies Record<string, ScopeRule>;

export type TeamPageRoute = keyof typeof PAGE_SCOPES;
