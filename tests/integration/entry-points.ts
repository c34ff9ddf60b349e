// THE table of entry points: every route handler (app/api/**/route.ts, each exported method) and
// every page (app/**/page.tsx), with the access rule it must enforce and a request that a member
// allowed to make it may send. entry-points.test.ts checks the table against the file system and
// every entry's 401/404/403 answers; the canary in credentials.test.ts sends every entry too.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { operatorActor } from "@/lib/auth/team-actor";
import { createInvitation } from "@/lib/invitations/create-invitation";
import { createView } from "@/lib/views/create-view";
import type { TeamAccess } from "@/lib/auth/team-access";
import { PAGE_SCOPES } from "@/lib/http/page-scopes";
import { can, scopesOf, type Role, type Scope } from "@/lib/rbac";
import { assignAssistants, Client, connectTeam, createUser, simAllCalls, simControl, teamWithRoles, uniq } from "./helpers";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export const ROLES = ["OWNER", "ADMIN", "SUPERVISOR", "AGENT"] as const satisfies readonly Role[];

/**
 * team: a member of the team in the path (401 without a session, 404 for anyone else), holding at
 * least one of `scope` when given (403 otherwise). user: any signed-in user (401 without a
 * session). public: anyone.
 */
export type Access = { kind: "team"; scope?: Scope[] } | { kind: "user" } | { kind: "public" };

export type Req = { path: string; body?: unknown; headers?: Record<string, string>; /** Who sends it when a role may (instead of the fixture's member of that role). */ as?: Client };

export type ApiEntry = {
  method: Method;
  /** The route as the file system names it, e.g. `/api/teams/[teamId]/calls/[callId]`. */
  route: string;
  access: Access;
  /** The status a caller who may make the request gets. */
  ok: number;
  /**
   * The request. Without a role it is sent by someone who must be refused, and touches only the
   * fixture's shared ids; with a role it may first seed what it acts on (a fresh member, a call).
   */
  request(f: Fixture, role?: Role): Req | Promise<Req>;
  /** Puts back what an allowed request removed from the shared fixture. */
  restore?(f: Fixture): Promise<void>;
};

export type PageEntry = { route: string; access: Access; /** What a member who may open it gets (200, or 307 for a page that sends you on). */ ok: number; path(f: Fixture): string };

export type Team = Awaited<ReturnType<typeof teamWithRoles>>;
export type Fixture = Team & {
  apiKey: string;
  /** Whether `apiKey` is one of the simulator's accounts (calls can be added to it). */
  demoKey: boolean;
  ids: { agentMembership: string; invitation: string; teamView: string; callId: number; token: string };
};

export const GAMMA = "wt_demo_gamma"; // 64 calls, assistant 301: exports and analytics stay small
const DEMO_KEYS = ["wt_demo_alpha", "wt_demo_beta", GAMMA];
const COLS = ["time", "status", "assistant"];

/** Team access as `requireTeam` would give it, for seeding through the services. */
export async function accessOf(t: Team, role: Role): Promise<TeamAccess> {
  const user = await db().user.findUniqueOrThrow({ where: { id: t.users[role].id }, select: { id: true, email: true, name: true, sessionVersion: true } });
  const m = await db().membership.findUniqueOrThrow({ where: { teamId_userId: { teamId: t.team.id, userId: user.id } }, select: { id: true } });
  const team = await db().team.findUniqueOrThrow({ where: { id: t.team.id }, select: { id: true, name: true, slug: true, timeZone: true, country: true } });
  return { user, team, role, membershipId: m.id, scopes: scopesOf(role), can: (s) => can(role, s) };
}

/** Adds what the table's requests refer to to a team whose key is already stored (`apiKey`). */
export async function prepareFixture(t: Team, apiKey: string): Promise<Fixture> {
  const demoKey = DEMO_KEYS.includes(apiKey);
  let callId = 10001;
  if (demoKey) {
    const calls = (await simAllCalls(apiKey, { status: "completed" })) as unknown as { id: number; assistant_id: number | null; recording_url: string | null }[];
    const call = calls.find((c) => c.recording_url && c.assistant_id !== null)!;
    callId = call.id;
    await assignAssistants(t.team.id, t.users.AGENT.id, [call.assistant_id!]);
  } else {
    await assignAssistants(t.team.id, t.users.AGENT.id, [301]);
  }
  const invited = await createInvitation({ actor: operatorActor(t.team.id, "entry-points"), email: `${uniq("inv")}@example.test`, role: "AGENT" });
  const view = await createView(await accessOf(t, "SUPERVISOR"), { name: uniq("Team view "), visibility: "TEAM", filters: { status: "completed" }, columns: COLS });
  const agentMembership = (await db().membership.findUniqueOrThrow({ where: { teamId_userId: { teamId: t.team.id, userId: t.users.AGENT.id } } })).id;
  return { ...t, apiKey, demoKey, ids: { agentMembership, invitation: invited.invitation.id, teamView: view.id, callId, token: invited.token } };
}

/** A team with one signed-in member per role, connected to the simulator's small account. */
export async function createFixture(apiKey = GAMMA): Promise<Fixture> {
  const t = await teamWithRoles();
  await connectTeam(t.team.id, apiKey);
  return prepareFixture(t, apiKey);
}

/** A new member of the fixture's team with `role`, signed in. */
export async function freshMember(f: Fixture, role: Role) {
  const user = await createUser();
  const m = await db().membership.create({ data: { teamId: f.team.id, userId: user.id, role }, select: { id: true } });
  return { user, membershipId: m.id, client: await new Client().signIn(user.email) };
}

async function freshUser() {
  const user = await createUser();
  return { user, client: await new Client().signIn(user.email) };
}

/** For account routes: sent by a new user of its own (signing out everywhere must not end the fixture's sessions). */
async function asFreshUser(role?: Role): Promise<Pick<Req, "as">> {
  return role ? { as: (await freshUser()).client } : {};
}

/** A call to act on: a new one in the simulator's account, or the fixture's call for other keys. */
async function seedCall(f: Fixture): Promise<number> {
  if (!f.demoKey) return f.ids.callId;
  const call = (await simControl("/calls", { method: "POST", json: { key: f.apiKey, status: "completed", duration: 12 } })) as { id: number };
  return call.id;
}

async function seedPersonalView(f: Fixture, role: Role) {
  return createView(await accessOf(f, role), { name: uniq("Mine "), visibility: "PERSONAL", filters: {}, columns: COLS });
}

const APP_DIR = path.resolve(__dirname, "../../app");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const TEAM_ROUTES = "/api/teams/[teamId]";

/** The scopes each team route declares: its modules are imported and each method's `teamRoute(...).scopes` read. */
async function declaredTeamScopes(): Promise<Map<string, readonly Scope[]>> {
  const declared = new Map<string, readonly Scope[]>();
  for (const file of walk(path.join(APP_DIR, "api/teams/[teamId]"), "route.ts")) {
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, { scopes?: readonly Scope[] } | undefined>;
    for (const method of exportedMethods(fs.readFileSync(file, "utf8"))) {
      const scopes = mod[method]?.scopes;
      if (!scopes) throw new Error(`${method} ${routeOf(file)} does not declare its scope with teamRoute()`);
      declared.set(`${method} ${routeOf(file)}`, scopes);
    }
  }
  return declared;
}

const DECLARED = await declaredTeamScopes();

function declaredAccess(method: Method, route: string): Access {
  const scopes = DECLARED.get(`${method} ${route}`);
  if (!scopes) throw new Error(`${method} ${route}: no such team route on disk`);
  return { kind: "team", ...(scopes.length ? { scope: [...scopes] } : {}) };
}

const team = (f: Fixture, rest = "") => `/api/teams/${f.team.id}${rest}`;

/** A team page's access: the scope it declares in lib/http/page-scopes.ts (`teamPage(PAGE_SCOPES[route])`). */
function declaredPageAccess(route: string): Access {
  if (!(route in PAGE_SCOPES)) throw new Error(`${route}: a team page declares its scope in lib/http/page-scopes.ts`);
  const rule = PAGE_SCOPES[route as keyof typeof PAGE_SCOPES];
  const scopes: readonly Scope[] = typeof rule === "string" ? [rule] : rule;
  return { kind: "team", ...(scopes.length ? { scope: [...scopes] } : {}) };
}

/** Team routes (`/api/teams/[teamId]/...`) have no `access` here: it is what the route declares to `teamRoute()`. */
const TABLE: (Omit<ApiEntry, "access"> & { access?: Access })[] = [
  // Accounts and sign-in
  { method: "GET", route: "/api/auth/[...nextauth]", access: { kind: "public" }, ok: 200, request: () => ({ path: "/api/auth/csrf" }) },
  {
    method: "POST",
    route: "/api/auth/[...nextauth]",
    access: { kind: "public" },
    ok: 200,
    // A real sign-in of a new user (a failed one would count against the login throttle of this IP).
    request: async () => {
      const user = await createUser();
      const anon = new Client();
      const { csrfToken } = (await (await anon.get("/api/auth/csrf")).json()) as { csrfToken: string };
      const body = new URLSearchParams({ csrfToken, email: user.email, password: "correct horse battery staple", json: "true", callbackUrl: "/" }).toString();
      return { path: "/api/auth/callback/credentials", body, headers: { "content-type": "application/x-www-form-urlencoded" }, as: anon };
    },
  },
  { method: "GET", route: "/api/health", access: { kind: "public" }, ok: 200, request: () => ({ path: "/api/health" }) },
  { method: "POST", route: "/api/signup", access: { kind: "public" }, ok: 400, request: () => ({ path: "/api/signup", body: {} }) },
  { method: "PATCH", route: "/api/account", access: { kind: "user" }, ok: 200, request: async (_f, role) => ({ path: "/api/account", body: { name: "Renamed" }, ...(await asFreshUser(role)) }) },
  { method: "POST", route: "/api/account/password", access: { kind: "user" }, ok: 400, request: async (_f, role) => ({ path: "/api/account/password", body: {}, ...(await asFreshUser(role)) }) },
  { method: "POST", route: "/api/account/sign-out-everywhere", access: { kind: "user" }, ok: 200, request: async (_f, role) => ({ path: "/api/account/sign-out-everywhere", body: {}, ...(await asFreshUser(role)) }) },
  { method: "POST", route: "/api/teams", access: { kind: "user" }, ok: 201, request: async (_f, role) => ({ path: "/api/teams", body: { name: "Entry team" }, ...(await asFreshUser(role)) }) },
  {
    method: "POST",
    route: "/api/invitations/accept",
    access: { kind: "user" },
    ok: 200,
    request: async (f, role) => {
      if (!role) return { path: "/api/invitations/accept", body: { token: f.ids.token } };
      const { user, client } = await freshUser();
      const { token } = await createInvitation({ actor: operatorActor(f.team.id, "entry-points"), email: user.email, role: "AGENT" });
      return { path: "/api/invitations/accept", body: { token }, as: client };
    },
  },

  // The team
  { method: "PATCH", route: "/api/teams/[teamId]", ok: 200, request: (f) => ({ path: team(f), body: { name: f.team.name } }) },
  { method: "DELETE", route: "/api/teams/[teamId]", ok: 400, request: (f) => ({ path: team(f), body: { confirmSlug: "not-the-slug" } }) },
  {
    method: "POST",
    route: "/api/teams/[teamId]/leave",
    ok: 200,
    request: async (f, role) => ({ path: team(f, "/leave"), body: {}, ...(role ? { as: (await freshMember(f, role)).client } : {}) }),
  },
  {
    method: "POST",
    route: "/api/teams/[teamId]/transfer-ownership",
    ok: 200,
    request: async (f, role) => {
      if (!role) return { path: team(f, "/transfer-ownership"), body: { membershipId: f.ids.agentMembership } };
      const [actor, target] = await Promise.all([freshMember(f, role), freshMember(f, "AGENT")]);
      return { path: team(f, "/transfer-ownership"), body: { membershipId: target.membershipId }, as: actor.client };
    },
  },
  { method: "GET", route: "/api/teams/[teamId]/members", ok: 200, request: (f) => ({ path: team(f, "/members") }) },
  {
    method: "PATCH",
    route: "/api/teams/[teamId]/members/[membershipId]",
    ok: 200,
    request: async (f, role) => ({ path: team(f, `/members/${role ? (await freshMember(f, "AGENT")).membershipId : f.ids.agentMembership}`), body: { role: "SUPERVISOR" } }),
  },
  {
    method: "DELETE",
    route: "/api/teams/[teamId]/members/[membershipId]",
    ok: 200,
    request: async (f, role) => ({ path: team(f, `/members/${role ? (await freshMember(f, "AGENT")).membershipId : f.ids.agentMembership}`) }),
  },
  { method: "GET", route: "/api/teams/[teamId]/members/[membershipId]/assignments", ok: 200, request: (f) => ({ path: team(f, `/members/${f.ids.agentMembership}/assignments`) }) },
  {
    method: "PUT",
    route: "/api/teams/[teamId]/members/[membershipId]/assignments",
    ok: 200,
    request: async (f, role) => ({
      path: team(f, `/members/${role ? (await freshMember(f, "AGENT")).membershipId : f.ids.agentMembership}/assignments`),
      body: { assignments: [{ assistantId: 666, label: "Injected" }] },
    }),
  },
  { method: "GET", route: "/api/teams/[teamId]/invitations", ok: 200, request: (f) => ({ path: team(f, "/invitations") }) },
  { method: "POST", route: "/api/teams/[teamId]/invitations", ok: 201, request: (f) => ({ path: team(f, "/invitations"), body: { email: `${uniq("inv")}@example.test`, role: "AGENT" } }) },
  {
    method: "DELETE",
    route: "/api/teams/[teamId]/invitations/[invitationId]",
    ok: 200,
    request: async (f, role) => {
      if (!role) return { path: team(f, `/invitations/${f.ids.invitation}`) };
      const { invitation } = await createInvitation({ actor: operatorActor(f.team.id, "entry-points"), email: `${uniq("inv")}@example.test`, role: "AGENT" });
      return { path: team(f, `/invitations/${invitation.id}`) };
    },
  },
  { method: "GET", route: "/api/teams/[teamId]/audit", ok: 200, request: (f) => ({ path: team(f, "/audit") }) },
  { method: "GET", route: "/api/teams/[teamId]/preferences", ok: 200, request: (f) => ({ path: team(f, "/preferences") }) },
  { method: "PUT", route: "/api/teams/[teamId]/preferences", ok: 200, request: (f) => ({ path: team(f, "/preferences"), body: { columns: COLS } }) },

  // The WhatTalk connection and the directory
  { method: "GET", route: "/api/teams/[teamId]/credential", ok: 200, request: (f) => ({ path: team(f, "/credential") }) },
  { method: "PUT", route: "/api/teams/[teamId]/credential", ok: 400, request: (f) => ({ path: team(f, "/credential"), body: {} }) },
  {
    method: "DELETE",
    route: "/api/teams/[teamId]/credential",
    ok: 200,
    request: (f) => ({ path: team(f, "/credential") }),
    restore: async (f) => void (await connectTeam(f.team.id, f.apiKey)),
  },
  { method: "POST", route: "/api/teams/[teamId]/credential/test", ok: 200, request: (f) => ({ path: team(f, "/credential/test"), body: {} }) },
  { method: "GET", route: "/api/teams/[teamId]/directory", ok: 200, request: (f) => ({ path: team(f, "/directory") }) },
  { method: "POST", route: "/api/teams/[teamId]/directory/sync", ok: 200, request: (f) => ({ path: team(f, "/directory/sync"), body: {} }) },
  ...(["assistants", "campaigns"] as const).flatMap((kind): Omit<ApiEntry, "access">[] => [
    {
      method: "POST",
      route: `/api/teams/[teamId]/directory/${kind}`,
      ok: 201,
      request: (f) => ({ path: team(f, `/directory/${kind}`), body: { id: 900_000 + crypto.randomInt(99_999), name: "Entry point" } }),
    },
    {
      method: "DELETE",
      route: `/api/teams/[teamId]/directory/${kind}/[externalId]`,
      ok: 200,
      request: async (f, role) => {
        const externalId = 800_000 + crypto.randomInt(99_999);
        const data = { teamId: f.team.id, externalId, name: "To remove", source: "MANUAL" as const };
        if (role) await (kind === "assistants" ? db().assistant.create({ data }) : db().campaign.create({ data }));
        return { path: team(f, `/directory/${kind}/${role ? externalId : 1}`) };
      },
    },
  ]),

  // Calls, analytics, export
  { method: "GET", route: "/api/teams/[teamId]/calls", ok: 200, request: (f) => ({ path: team(f, "/calls?per_page=5") }) },
  { method: "GET", route: "/api/teams/[teamId]/calls/[callId]", ok: 200, request: (f) => ({ path: team(f, `/calls/${f.ids.callId}`) }) },
  {
    method: "DELETE",
    route: "/api/teams/[teamId]/calls/[callId]",
    ok: 204,
    request: async (f, role) => ({ path: team(f, `/calls/${role && can(role, "calls:delete") ? await seedCall(f) : f.ids.callId}`) }),
  },
  { method: "GET", route: "/api/teams/[teamId]/calls/[callId]/recording", ok: 200, request: (f) => ({ path: team(f, `/calls/${f.ids.callId}/recording`) }) },
  { method: "GET", route: "/api/teams/[teamId]/calls/export", ok: 200, request: (f) => ({ path: team(f, "/calls/export?status=completed") }) },
  {
    method: "GET",
    route: "/api/teams/[teamId]/calls/export/progress",
    ok: 200,
    request: async (f, role) => {
      let id: string = crypto.randomUUID();
      if (role && can(role, "calls:export")) {
        const res = await f.clients[role].get(team(f, "/calls/export?status=completed"));
        await res.arrayBuffer();
        id = res.headers.get("x-export-id") ?? id;
      }
      return { path: team(f, `/calls/export/progress?id=${id}`) };
    },
  },
  { method: "GET", route: "/api/teams/[teamId]/analytics", ok: 200, request: (f) => ({ path: team(f, "/analytics") }) },

  // The search index (the fixture's index is on with the default 90 days: these requests change nothing but the rebuild flag)
  { method: "GET", route: "/api/teams/[teamId]/index", ok: 200, request: (f) => ({ path: team(f, "/index") }) },
  { method: "PATCH", route: "/api/teams/[teamId]/index", ok: 200, request: (f) => ({ path: team(f, "/index"), body: { paused: false } }) },
  { method: "POST", route: "/api/teams/[teamId]/index/rebuild", ok: 200, request: (f) => ({ path: team(f, "/index/rebuild"), body: {} }) },
  { method: "PUT", route: "/api/teams/[teamId]/index/retention", ok: 200, request: (f) => ({ path: team(f, "/index/retention"), body: { retentionDays: 90 } }) },

  // Saved views (team views and the team default need views:share: checked by the service, see views-api.test.ts)
  { method: "GET", route: "/api/teams/[teamId]/views", ok: 200, request: (f) => ({ path: team(f, "/views") }) },
  { method: "POST", route: "/api/teams/[teamId]/views", ok: 201, request: (f) => ({ path: team(f, "/views"), body: { name: uniq("View "), filters: {}, columns: COLS } }) },
  { method: "PUT", route: "/api/teams/[teamId]/views/defaults", ok: 200, request: (f) => ({ path: team(f, "/views/defaults"), body: { user: null } }) },
  { method: "GET", route: "/api/teams/[teamId]/views/[viewId]", ok: 200, request: (f) => ({ path: team(f, `/views/${f.ids.teamView}`) }) },
  {
    method: "PATCH",
    route: "/api/teams/[teamId]/views/[viewId]",
    ok: 200,
    request: async (f, role) => {
      if (!role) return { path: team(f, `/views/${f.ids.teamView}`), body: { version: 1, name: "Hijacked" } };
      const view = await seedPersonalView(f, role);
      return { path: team(f, `/views/${view.id}`), body: { version: view.version, name: uniq("Renamed ") } };
    },
  },
  {
    method: "DELETE",
    route: "/api/teams/[teamId]/views/[viewId]",
    ok: 204,
    request: async (f, role) => ({ path: team(f, `/views/${role ? (await seedPersonalView(f, role)).id : f.ids.teamView}`) }),
  },
];

export const API_ENTRIES: ApiEntry[] = TABLE.map((e) => {
  if (!e.route.startsWith(TEAM_ROUTES)) {
    if (!e.access) throw new Error(`${e.method} ${e.route}: say who may call it`);
    return { ...e, access: e.access };
  }
  if (e.access) throw new Error(`${e.method} ${e.route}: a team route's access comes from its teamRoute() declaration`);
  return { ...e, access: declaredAccess(e.method, e.route) };
});

/** Team pages (`/teams/[teamSlug]/...`) have no `access` here: it is what the page declares (declaredPageAccess). */
const PAGES: (Omit<PageEntry, "access"> & { access?: Access })[] = [
  { route: "/", access: { kind: "public" }, ok: 307, path: () => "/" },
  { route: "/signin", access: { kind: "public" }, ok: 200, path: () => "/signin" },
  { route: "/signup", access: { kind: "public" }, ok: 200, path: () => "/signup" },
  { route: "/invite/[token]", access: { kind: "public" }, ok: 200, path: (f) => `/invite/${f.ids.token}` },
  { route: "/account", access: { kind: "user" }, ok: 200, path: () => "/account" },
  { route: "/teams/new", access: { kind: "user" }, ok: 200, path: () => "/teams/new" },
  { route: "/teams/[teamSlug]/calls", ok: 200, path: (f) => `/teams/${f.team.slug}/calls` },
  { route: "/teams/[teamSlug]/calls/[callId]", ok: 200, path: (f) => `/teams/${f.team.slug}/calls/${f.ids.callId}` },
  { route: "/teams/[teamSlug]/analytics", ok: 200, path: (f) => `/teams/${f.team.slug}/analytics` },
  // Opens the first settings page the role may see; 403 when there is none.
  { route: "/teams/[teamSlug]/settings", ok: 307, path: (f) => `/teams/${f.team.slug}/settings` },
  { route: "/teams/[teamSlug]/settings/general", ok: 200, path: (f) => `/teams/${f.team.slug}/settings/general` },
  { route: "/teams/[teamSlug]/settings/members", ok: 200, path: (f) => `/teams/${f.team.slug}/settings/members` },
  { route: "/teams/[teamSlug]/settings/assignments", ok: 200, path: (f) => `/teams/${f.team.slug}/settings/assignments` },
  { route: "/teams/[teamSlug]/settings/directory", ok: 200, path: (f) => `/teams/${f.team.slug}/settings/directory` },
  { route: "/teams/[teamSlug]/settings/connection", ok: 200, path: (f) => `/teams/${f.team.slug}/settings/connection` },
  { route: "/teams/[teamSlug]/settings/search-index", ok: 200, path: (f) => `/teams/${f.team.slug}/settings/search-index` },
  { route: "/teams/[teamSlug]/settings/audit", ok: 200, path: (f) => `/teams/${f.team.slug}/settings/audit` },
];

export const PAGE_ENTRIES: PageEntry[] = PAGES.map((p) => {
  if (!p.route.startsWith("/teams/[teamSlug]")) {
    if (!p.access) throw new Error(`${p.route}: an entry outside a team needs its access`);
    return { ...p, access: p.access };
  }
  if (p.access) throw new Error(`${p.route}: a team page's access comes from lib/http/page-scopes.ts`);
  return { ...p, access: declaredPageAccess(p.route) };
});

/** Whether a role passes the entry's scope check. */
export function mayCall(access: Access, role: Role): boolean {
  return access.kind !== "team" || !access.scope || access.scope.some((s) => can(role, s));
}

/** A role that may make the request, preferring an admin (what the canary signs in as). */
export function allowedRole(access: Access): Role {
  return (["ADMIN", "OWNER"] as const).find((r) => mayCall(access, r)) ?? "OWNER";
}

export function send(client: Client, method: Method, req: Req): Promise<Response> {
  const body = req.body === undefined ? {} : typeof req.body === "string" ? { body: req.body } : { json: req.body };
  return client.request(req.path, { method, headers: req.headers, ...body });
}

/**
 * Fetches a page's RSC payload like the router does. Next answers an RSC request without the `_rsc`
 * cache-busting parameter with a 307 to the URL that has it: that one redirect is followed, and
 * both answers are returned.
 */
export async function getRsc(client: Client, pagePath: string): Promise<Response[]> {
  const first = await client.get(pagePath, { headers: { RSC: "1" } });
  const location = first.headers.get("location");
  if (first.status === 307 && location?.includes("_rsc")) return [first, await client.get(location, { headers: { RSC: "1" } })];
  return [first];
}

// ---- Discovery: what the file system says there is -------------------------------------------

function walk(dir: string, file: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? walk(p, file) : d.name === file ? [p] : [];
  });
}

/** The URL route of a file under app/: route groups `(name)` dropped, dynamic segments kept. */
function routeOf(file: string): string {
  const segments = path.relative(APP_DIR, path.dirname(file)).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

/** The HTTP methods a route.ts exports: `export const GET =`, `export (async) function GET`, `export { x as GET }`. */
export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|let|var|(?:async\s+)?function)\s+([A-Z]+)\b/g)) found.add(m[1]);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1].split(",")) {
      const name = part.trim().split(/\s+as\s+/).pop()?.trim();
      if (name) found.add(name);
    }
  }
  return [...found].filter((n) => METHODS.includes(n)).sort();
}

/** Every (route, method) under app/api, as `METHOD /api/...`. */
export function discoverRoutes(): string[] {
  return walk(path.join(APP_DIR, "api"), "route.ts")
    .flatMap((file) => exportedMethods(fs.readFileSync(file, "utf8")).map((m) => `${m} ${routeOf(file)}`))
    .sort();
}

/** Every page under app/. */
export function discoverPages(): string[] {
  return walk(APP_DIR, "page.tsx").map(routeOf).sort();
}

/** Files under app/, components/ and lib/ that declare server actions. */
export function serverActionFiles(): string[] {
  const root = path.resolve(APP_DIR, "..");
  const out: string[] = [];
  const visit = (dir: string) => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, d.name);
      if (d.isDirectory()) {
        if (d.name !== "generated" && d.name !== "node_modules") visit(p);
      } else if (/\.(t|j)sx?$/.test(d.name) && /^\s*["']use server["']/m.test(fs.readFileSync(p, "utf8"))) out.push(path.relative(root, p));
    }
  };
  for (const dir of ["app", "components", "lib"]) visit(path.join(root, dir));
  return out;
}
