// The one role matrix. This table alone decides what a role may do: the server checks it on every
// request (lib/auth/team-access.ts) and the UI hides what a role cannot do from the same table.
export const ROLES = ["OWNER", "ADMIN", "SUPERVISOR", "AGENT"] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = [
  "calls:read:all",
  "calls:read:assigned",
  "calls:costs",
  "calls:export",
  "calls:delete",
  "analytics:read",
  "views:share",
  "assignments:manage",
  "members:manage",
  "credentials:manage",
  "audit:read",
  "team:settings",
  "team:delete",
  "ownership:transfer",
] as const;
export type Scope = (typeof SCOPES)[number];

const SUPERVISOR_SCOPES = [
  "calls:read:all",
  "calls:costs",
  "calls:export",
  "analytics:read",
  "views:share",
  "assignments:manage",
] as const satisfies readonly Scope[];

const ADMIN_SCOPES = [...SUPERVISOR_SCOPES, "members:manage", "credentials:manage", "audit:read", "calls:delete", "team:settings"] as const satisfies readonly Scope[];

export const ROLE_SCOPES: Readonly<Record<Role, readonly Scope[]>> = {
  OWNER: [...ADMIN_SCOPES, "team:delete", "ownership:transfer"],
  ADMIN: ADMIN_SCOPES,
  SUPERVISOR: SUPERVISOR_SCOPES,
  AGENT: ["calls:read:assigned"],
};

/** Scope sets named once: a member passes a check on a set when they hold any scope in it. */
export const CALL_READ_SCOPES = ["calls:read:all", "calls:read:assigned"] as const satisfies readonly Scope[];
/** Any scope that opens a settings page. */
export const SETTINGS_SCOPES = ["team:settings", "members:manage", "assignments:manage", "credentials:manage", "audit:read", "analytics:read"] as const satisfies readonly Scope[];
/** The call index's state (Settings → Search index): its managers, and supervisors, who rely on its freshness. */
/** Reading a team's call index (search, its freshness, analytics and exports over it). */
export const INDEX_READ_SCOPES = ["calls:read:all", "calls:read:assigned", "analytics:read", "calls:export"] as const satisfies readonly Scope[];
export const INDEX_STATUS_SCOPES = ["team:settings", "analytics:read"] as const satisfies readonly Scope[];
/** Members list: to manage members, or to pick agents for assignments. */
export const MEMBER_LIST_SCOPES = ["members:manage", "assignments:manage"] as const satisfies readonly Scope[];
/** The key's status: to manage it, or to see whether the directory can sync. */
export const CREDENTIAL_STATUS_SCOPES = ["credentials:manage", "assignments:manage"] as const satisfies readonly Scope[];
/** Any member of the team, whatever their role (their own preferences, leaving the team). */
export const ANY_MEMBER = [] as const satisfies readonly Scope[];

/** What an entry point requires: one scope, or any one of a set (an empty set: any member). */
export type ScopeRule = Scope | readonly Scope[];

export function can(role: Role, scope: Scope): boolean {
  return ROLE_SCOPES[role].includes(scope);
}

export function scopesOf(role: Role): Scope[] {
  return [...ROLE_SCOPES[role]];
}

/** Either calls scope lets a member open the calls pages (agents see a narrowed list). */
export function canReadCalls(role: Role): boolean {
  return CALL_READ_SCOPES.some((s) => can(role, s));
}

/** Roles a member with `actor` role may grant or take away: only owners touch owner/admin. */
export function canManageRole(actor: Role, target: Role): boolean {
  if (!can(actor, "members:manage")) return false;
  if (target === "OWNER" || target === "ADMIN") return actor === "OWNER";
  return true;
}

export const ROLE_LABELS: Record<Role, string> = {
  OWNER: "Owner",
  ADMIN: "Admin",
  SUPERVISOR: "Supervisor",
  AGENT: "Agent",
};
