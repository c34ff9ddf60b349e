// Every entry point, over HTTP against the production build, from the one table in
// entry-points.ts: the table must name every route handler (and method) and every page on disk,
// and each one checks access itself. Route handlers: no session (or an ended one, or a copy of a
// signed-out one) 401, a member of another team or an unknown team id 404 changing nothing and
// asking WhatTalk nothing, a role without the scope 403 asking WhatTalk nothing, a role with it gets
// through; every answer carries `Cache-Control: no-store`, every error is JSON without internals.
// Pages: a redirect to sign-in, 404 for another team's slug, 403 without the scope.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invalidateSessions } from "@/lib/auth/invalidate-sessions";
import { db } from "@/lib/db";
import type { Role } from "@/lib/rbac";
import { Client, createUser, simControl, teamWithRoles } from "./helpers";
import {
  API_ENTRIES,
  createFixture,
  discoverPages,
  discoverRoutes,
  exportedMethods,
  getRsc,
  mayCall,
  PAGE_ENTRIES,
  ROLES,
  send,
  serverActionFiles,
  type ApiEntry,
  type Fixture,
  type Team,
} from "./entry-points";

let A: Fixture;
let B: Team;
/** An owner of A whose session ended (sessionVersion bumped): the cookie is there, the session is not. */
let ended: Client;
/** An owner of A holding a copy of a cookie whose session was signed out (revoked); pages only read. */
let signedOut: Client;

const UNKNOWN_TEAM = "cnoteamwiththisid0000000";
const INTERNALS = /\bat \S+ \(|\.tsx?:\d+|node_modules|\/work\/|prisma|\bstack\b|TypeError|ReferenceError|ECONNREFUSED|127\.0\.0\.1/i;

beforeAll(async () => {
  await simControl("/reset", { method: "POST" });
  [A, B] = await Promise.all([createFixture(), teamWithRoles()]);
  const user = await createUser();
  await db().membership.create({ data: { teamId: A.team.id, userId: user.id, role: "OWNER" } });
  ended = await new Client().signIn(user.email);
  await invalidateSessions(user.id);
  signedOut = await signedOutCopy(A.team.id);
});

/** A new owner of the team, signed in twice; one session signs out, and a copy of its cookie is returned. */
async function signedOutCopy(teamId: string): Promise<Client> {
  const user = await createUser();
  await db().membership.create({ data: { teamId, userId: user.id, role: "OWNER" } });
  const session = await new Client().signIn(user.email);
  await new Client().signIn(user.email); // another session of the same user, still signed in
  const copy = new Client();
  copy.cookies = new Map(session.cookies);
  const { csrfToken } = (await (await session.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const body = new URLSearchParams({ csrfToken, json: "true" }).toString();
  expect((await session.request("/api/auth/signout", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body })).status).toBe(200);
  return copy;
}

afterAll(async () => {
  await simControl("/reset", { method: "POST" }); // drops the calls the table added to the simulator
});

/** What the simulator was asked (API and recordings), cleared after reading. */
async function upstreamRequests(): Promise<string[]> {
  const list = (await simControl("/requests")) as { method: string; path: string }[];
  await simControl("/requests", { method: "DELETE" });
  return list.map((r) => `${r.method} ${r.path}`);
}

/** Reads an answer: `no-store` always; an error is a JSON `{ error: { code, message } }` with nothing internal. */
async function answer(res: Response, where: string): Promise<{ status: number; text: string; code?: string }> {
  expect(res.headers.get("cache-control"), `${where}: Cache-Control`).toContain("no-store");
  const text = await res.text();
  if (res.status < 400) return { status: res.status, text };
  expect(res.headers.get("content-type"), `${where}: error content type`).toContain("application/json");
  const body = JSON.parse(text) as { error: { code: unknown; message: unknown } };
  expect(typeof body.error.code, `${where}: error code`).toBe("string");
  expect(typeof body.error.message, `${where}: error message`).toBe("string");
  expect(text, `${where}: internals in the body`).not.toMatch(INTERNALS);
  return { status: res.status, text, code: body.error.code as string };
}

async function snapshot(teamId: string) {
  const where = { teamId };
  return {
    team: await db().team.findUniqueOrThrow({ where: { id: teamId }, select: { name: true, slug: true, timeZone: true, country: true } }),
    members: await db().membership.findMany({ where, orderBy: { id: "asc" }, select: { id: true, role: true } }),
    invitations: await db().invitation.findMany({ where, orderBy: { id: "asc" }, select: { id: true, revokedAt: true, acceptedAt: true } }),
    assignments: await db().agentAssignment.findMany({ where, orderBy: { id: "asc" }, select: { id: true, assistantId: true } }),
    credential: await db().apiCredential.findUnique({ where, select: { id: true, label: true, status: true } }),
    views: await db().savedView.findMany({ where, orderBy: { id: "asc" }, select: { id: true, name: true, version: true } }),
    directory: [await db().assistant.count({ where }), await db().campaign.count({ where })],
    audit: await db().auditEvent.count({ where }),
  };
}

const key = (e: { method?: string; route: string }) => (e.method ? `${e.method} ${e.route}` : e.route);

describe("the table of entry points", () => {
  it("names every route handler and method under app/api, and nothing that is not there", () => {
    const table = API_ENTRIES.map(key);
    expect(new Set(table).size, "an entry is listed twice").toBe(table.length);
    expect([...table].sort()).toEqual(discoverRoutes());
  });

  it("names every page under app/, and nothing that is not there", () => {
    const table = PAGE_ENTRIES.map(key);
    expect(new Set(table).size, "a page is listed twice").toBe(table.length);
    expect([...table].sort()).toEqual(discoverPages());
  });

  it("reads the methods however a route file exports them", () => {
    expect(exportedMethods(`export const GET = route(async () => x);\nexport async function POST(req) {}\nexport function PUT() {}`)).toEqual(["GET", "POST", "PUT"]);
    expect(exportedMethods(`const handler = NextAuth(o);\nexport { handler as GET, handler as POST, DELETE };\nexport const dynamic = "force-dynamic";`)).toEqual(["DELETE", "GET", "POST"]);
  });

  it("has no server actions: every mutation is a route handler in the table", () => {
    expect(serverActionFiles()).toEqual([]);
  });
});

function forbiddenRoles(e: { access: ApiEntry["access"] }): Role[] {
  return ROLES.filter((r) => !mayCall(e.access, r));
}

describe("route handlers", () => {
  for (const e of API_ENTRIES) {
    const name = key(e);
    if (e.access.kind === "public") {
      it(`${name}: open to anyone (${e.ok})`, async () => {
        const req = await e.request(A);
        const res = await answer(await send(req.as ?? new Client(), e.method, req), name);
        expect(res.status, res.text).toBe(e.ok);
      });
      continue;
    }

    it(`${name}: 401 without a session, with an ended one and with a signed-out one, asking WhatTalk nothing`, async () => {
      await upstreamRequests();
      // A copy of its own: on a portal that let it through, one entry (sign out everywhere) would end it for the others.
      const copy = await signedOutCopy(A.team.id);
      for (const [who, client] of [["no cookie", new Client()], ["ended session", ended], ["signed-out session", copy]] as const) {
        const res = await answer(await send(client, e.method, await e.request(A)), `${name} (${who})`);
        expect(res.status, `${who}: ${res.text}`).toBe(401);
        expect(res.code).toBe("UNAUTHENTICATED");
      }
      expect(await upstreamRequests()).toEqual([]);
    });

    if (e.access.kind === "user") {
      it(`${name}: ${e.ok} for a signed-in user`, async () => {
        const req = await e.request(A, "AGENT");
        const res = await answer(await send(req.as ?? A.clients.AGENT, e.method, req), name);
        expect(res.status, res.text).toBe(e.ok);
      });
      continue;
    }

    it(`${name}: 404 for every member of another team and for an unknown team id; nothing changes, WhatTalk is not asked`, async () => {
      const before = await snapshot(A.team.id);
      await upstreamRequests();
      for (const role of ROLES) {
        const res = await answer(await send(B.clients[role], e.method, await e.request(A)), `${name} (${role} of another team)`);
        expect(res.status, `${role} of another team: ${res.text}`).toBe(404);
        expect(res.code).toBe("NOT_FOUND");
        expect(res.text).not.toContain(A.team.name);
      }
      const req = await e.request(A);
      expect(req.path).toContain(A.team.id);
      const unknown = await answer(await send(A.clients.OWNER, e.method, { ...req, path: req.path.replace(A.team.id, UNKNOWN_TEAM) }), `${name} (unknown team)`);
      expect(unknown.status, unknown.text).toBe(404);
      expect(await upstreamRequests()).toEqual([]);
      expect(await snapshot(A.team.id)).toEqual(before);
    });

    const forbidden = forbiddenRoles(e);
    const allowed = ROLES.filter((r) => !forbidden.includes(r));
    it(`${name}: ${forbidden.length ? `403 for ${forbidden.join(", ")} (WhatTalk not asked), ` : ""}${e.ok} for ${allowed.join(", ")}`, async () => {
      for (const role of ROLES) {
        const req = await e.request(A, role);
        await upstreamRequests();
        const res = await answer(await send(req.as ?? A.clients[role], e.method, req), `${name} (${role})`);
        if (forbidden.includes(role)) {
          expect(res.status, `${role}: ${res.text}`).toBe(403);
          expect(res.code).toBe("FORBIDDEN");
          expect(await upstreamRequests()).toEqual([]);
        } else {
          expect(res.status, `${role}: ${res.text}`).toBe(e.ok);
          await e.restore?.(A);
        }
      }
    });
  }
});

/**
 * A page's RSC payload (what the router fetches on client navigation). It streams with status 200
 * even when the page refuses, so the refusal shows as the error digest of `notFound()` /
 * `forbidden()` in the payload, which the router turns into the 404 / 403 page.
 */
const HTTP_FALLBACK = "NEXT_HTTP_ERROR_FALLBACK";
async function rscPayload(client: Client, pagePath: string): Promise<string> {
  const res = (await getRsc(client, pagePath)).pop()!;
  expect(res.headers.get("content-type")).toContain("text/x-component");
  return res.text();
}

describe("pages", () => {
  const signInRedirect = (res: Response, pagePath: string, who: string) => {
    expect(res.status, who).toBe(307);
    const to = new URL(res.headers.get("location") ?? "", "http://x");
    expect(to.pathname, who).toBe("/signin");
    expect(to.searchParams.get("callbackUrl"), who).toBe(pagePath);
  };

  for (const p of PAGE_ENTRIES) {
    if (p.access.kind === "public") {
      it(`${p.route}: open to anyone (${p.ok})`, async () => {
        const res = await new Client().get(p.path(A));
        expect(res.status).toBe(p.ok);
      });
      continue;
    }

    it(`${p.route}: a redirect to sign-in without a session, with an ended one and with a signed-out one (the page's own check, past the proxy)`, async () => {
      const pagePath = p.path(A);
      signInRedirect(await new Client().get(pagePath), pagePath, "no cookie");
      signInRedirect(await ended.get(pagePath), pagePath, "ended session");
      signInRedirect(await signedOut.get(pagePath), pagePath, "signed-out session");
    });

    if (p.access.kind === "user") {
      it(`${p.route}: ${p.ok} for a signed-in user`, async () => {
        expect((await A.clients.AGENT.get(p.path(A))).status).toBe(p.ok);
      });
      continue;
    }

    it(`${p.route}: 404 for every member of another team (HTML and RSC payload) and for an unknown slug`, async () => {
      for (const role of ROLES) {
        const res = await B.clients[role].get(p.path(A));
        expect(res.status, `${role} of another team`).toBe(404);
        expect(await res.text()).not.toContain(A.team.name);
        const rsc = await rscPayload(B.clients[role], p.path(A));
        expect(rsc, `${role} of another team, RSC`).toContain(`${HTTP_FALLBACK};404`);
        expect(rsc).not.toContain(A.team.name);
      }
      const pagePath = p.path(A);
      expect(pagePath).toContain(`/teams/${A.team.slug}`);
      expect((await A.clients.OWNER.get(pagePath.replace(`/teams/${A.team.slug}`, "/teams/no-such-team-slug"))).status).toBe(404);
    });

    const forbidden = forbiddenRoles(p);
    const allowed = ROLES.filter((r) => !forbidden.includes(r));
    it(`${p.route}: ${forbidden.length ? `403 for ${forbidden.join(", ")} (HTML and RSC payload), ` : ""}${p.ok} for ${allowed.join(", ")}`, async () => {
      for (const role of ROLES) {
        const res = await A.clients[role].get(p.path(A));
        expect(res.status, role).toBe(forbidden.includes(role) ? 403 : p.ok);
        if (forbidden.includes(role)) expect(await rscPayload(A.clients[role], p.path(A)), `${role}, RSC`).toContain(`${HTTP_FALLBACK};403`);
        else if (p.ok === 200) expect(await rscPayload(A.clients[role], p.path(A)), `${role}, RSC`).not.toContain(HTTP_FALLBACK);
      }
    });
  }
});
