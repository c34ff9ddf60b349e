import { can, INDEX_STATUS_SCOPES, type Role, type ScopeRule } from "@/lib/rbac";

export type NavItem = { href: string; label: string };

const SETTINGS: { path: string; label: string; scope: ScopeRule }[] = [
  { path: "general", label: "General", scope: "team:settings" },
  { path: "members", label: "Members", scope: "members:manage" },
  { path: "assignments", label: "Agent assignments", scope: "assignments:manage" },
  { path: "connection", label: "WhatTalk connection", scope: "credentials:manage" },
  { path: "directory", label: "Assistants & campaigns", scope: "assignments:manage" },
  { path: "search-index", label: "Search index", scope: INDEX_STATUS_SCOPES },
  { path: "audit", label: "Audit log", scope: "audit:read" },
];

/** Settings pages a role may open, in menu order (driven by the role matrix). */
export function settingsNav(slug: string, role: Role): NavItem[] {
  const allowed = (rule: ScopeRule) => (typeof rule === "string" ? [rule] : rule).some((s) => can(role, s));
  return SETTINGS.filter((s) => allowed(s.scope)).map((s) => ({ href: `/teams/${slug}/settings/${s.path}`, label: s.label }));
}

/** The header's main navigation for a role. */
export function mainNav(slug: string, role: Role): NavItem[] {
  const items: NavItem[] = [{ href: `/teams/${slug}/calls`, label: "Calls" }];
  if (can(role, "analytics:read")) items.push({ href: `/teams/${slug}/analytics`, label: "Analytics" });
  const settings = settingsNav(slug, role);
  if (settings.length) items.push({ href: settings[0].href.replace(/\/[^/]+$/, ""), label: "Settings" });
  return items;
}
