import { PAGE_SCOPES } from "@/lib/http/page-scopes";
import { can, type Role, type ScopeRule } from "@/lib/rbac";

export type NavItem = { href: string; label: string };

const SETTINGS: { path: string; label: string; scope: ScopeRule }[] = [
  { path: "general", label: "General", scope: PAGE_SCOPES["/teams/[teamSlug]/settings/general"] },
  { path: "members", label: "Members", scope: PAGE_SCOPES["/teams/[teamSlug]/settings/members"] },
  { path: "assignments", label: "Agent assignments", scope: PAGE_SCOPES["/teams/[teamSlug]/settings/assignments"] },
  { path: "connection", label: "WhatTalk connection", scope: PAGE_SCOPES["/teams/[teamSlug]/settings/connection"] },
  { path: "directory", label: "Assistants & campaigns", scope: PAGE_SCOPES["/teams/[teamSlug]/settings/directory"] },
  { path: "search-index", label: "Search index", scope: PAGE_SCOPES["/teams/[teamSlug]/settings/search-index"] },
  { path: "audit", label: "Audit log", scope: PAGE_SCOPES["/teams/[teamSlug]/settings/audit"] },
];

/** Settings pages a role may open, in menu order (each page's scope from lib/http/page-scopes.ts). */
export function settingsNav(slug: string, role: Role): NavItem[] {
  const allowed = (rule: ScopeRule) => (typeof rule === "string" ? [rule] : rule).some((s) => can(role, s));
  return SETTINGS.filter((s) => allowed(s.scope)).map((s) => ({ href: `/teams/${slug}/settings/${s.path}`, label: s.label }));
}

/** The header's main navigation for a role. */
export function mainNav(slug: string, role: Role): NavItem[] {
  const items: NavItem[] = [{ href: `/teams/${slug}/calls`, label: "Calls" }];
  if (can(role, PAGE_SCOPES["/teams/[teamSlug]/analytics"])) items.push({ href: `/teams/${slug}/analytics`, label: "Analytics" });
  const settings = settingsNav(slug, role);
  if (settings.length) items.push({ href: settings[0].href.replace(/\/[^/]+$/, ""), label: "Settings" });
  return items;
}
