// Every accounts route handler, over HTTP against the production build: no session 401, another
// team's ids 404, a missing scope 403, and a member of team A can never read or change team B.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Role } from "@/lib/rbac";
import { Client, createUser, teamWithRoles, uniq } from "./helpers";

type Setup = Awaited<ReturnType<typeof teamWithRoles>>;
let A: Setup;
let B: Setup;
const mid = async (teamId: string, userId: string) => (await db().membership.findUniqueOrThrow({ where: { teamId_userId: { teamId, userId } } })).id;
let ids: { aAgent: string; aSup: string; bAgent: string; aInvitation: string; bInvitation: string };

beforeAll(async () => {
  [A, B] = await Promise.all([teamWithRoles(), teamWithRoles()]);
  const invite = async (s: Setup) => {
    const res = await s.clients.OWNER.post(`/api/teams/${s.team.id}/invitations`, { email: `${uniq("inv")}@example.test`, role: "AGENT" });
    expect(res.status).toBe(201);
    return ((await res.json()) as { invitation: { id: string } }).invitation.id;
  };
  ids = {
    aAgent: await mid(A.team.id, A.users.AGENT.id),
    aSup: await mid(A.team.id, A.users.SUPERVISOR.id),
    bAgent: await mid(B.team.id, B.users.AGENT.id),
    aInvitation: await invite(A),
    bInvitation: await invite(B),
  };
});

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
type Case = {
  name: string;
  method: Method;
  /** The path for team `t` (and, where a sub-resource is involved, its ids). */
  path: (t: "A" | "B") => string;
  body?: unknown;
  /** Roles of team A that lack the scope (403). Empty when every member may call it. */
  forbidden: Role[];
};

const cases: Case[] = [
  { name: "team settings", method: "PATCH", path: (t) => `/api/teams/${(t === "A" ? A : B).team.id}`, body: { name: "Hijacked" }, forbidden: ["SUPERVISOR", "AGENT"] },
  { name: "delete team", method: "DELETE", path: (t) => `/api/teams/${(t === "A" ? A : B).team.id}`, body: { confirmSlug: "x" }, forbidden: ["ADMIN", "SUPERVISOR", "AGENT"] },
  { name: "list members", method: "GET", path: (t) => `/api/teams/${(t === "A" ? A : B).team.id}/members`, forbidden: ["AGENT"] },
  {
    name: "change role",
    method: "PATCH",
    path: (t) => (t === "A" ? `/api/teams/${A.team.id}/members/${ids.aAgent}` : `/api/teams/${B.team.id}/members/${ids.bAgent}`),
    body: { role: "SUPERVISOR" },
    forbidden: ["SUPERVISOR", "AGENT"],
  },
  {
    name: "remove member",
    method: "DELETE",
    path: (t) => (t === "A" ? `/api/teams/${A.team.id}/members/${ids.aAgent}` : `/api/teams/${B.team.id}/members/${ids.bAgent}`),
    forbidden: ["SUPERVISOR", "AGENT"],
  },
  { name: "leave team", method: "POST", path: (t) => `/api/teams/${(t === "A" ? A : B).team.id}/leave`, forbidden: [] },
  {
    name: "transfer ownership",
    method: "POST",
    path: (t) => `/api/teams/${(t === "A" ? A : B).team.id}/transfer-ownership`,
    body: { membershipId: "x" },
    forbidden: ["ADMIN", "SUPERVISOR", "AGENT"],
  },
  { name: "list invitations", method: "GET", path: (t) => `/api/teams/${(t === "A" ? A : B).team.id}/invitations`, forbidden: ["SUPERVISOR", "AGENT"] },
  {
    name: "invite",
    method: "POST",
    path: (t) => `/api/teams/${(t === "A" ? A : B).team.id}/invitations`,
    body: { email: "someone@example.test", role: "AGENT" },
    forbidden: ["SUPERVISOR", "AGENT"],
  },
  {
    name: "revoke invitation",
    method: "DELETE",
    path: (t) => (t === "A" ? `/api/teams/${A.team.id}/invitations/${ids.aInvitation}` : `/api/teams/${B.team.id}/invitations/${ids.bInvitation}`),
    forbidden: ["SUPERVISOR", "AGENT"],
  },
  {
    name: "read assignments",
    method: "GET",
    path: (t) => (t === "A" ? `/api/teams/${A.team.id}/members/${ids.aAgent}/assignments` : `/api/teams/${B.team.id}/members/${ids.bAgent}/assignments`),
    forbidden: ["AGENT"],
  },
  {
    name: "set assignments",
    method: "PUT",
    path: (t) => (t === "A" ? `/api/teams/${A.team.id}/members/${ids.aAgent}/assignments` : `/api/teams/${B.team.id}/members/${ids.bAgent}/assignments`),
    body: { assignments: [{ assistantId: 666, label: "Injected" }] },
    forbidden: ["AGENT"],
  },
  { name: "audit log", method: "GET", path: (t) => `/api/teams/${(t === "A" ? A : B).team.id}/audit`, forbidden: ["SUPERVISOR", "AGENT"] },
];

function call(client: Client, c: Case, t: "A" | "B") {
  return client.request(c.path(t), { method: c.method, ...(c.body !== undefined ? { json: c.body } : c.method === "GET" ? {} : { json: {} }) });
}

async function snapshotB() {
  return {
    team: await db().team.findUniqueOrThrow({ where: { id: B.team.id }, select: { name: true, slug: true } }),
    members: await db().membership.findMany({ where: { teamId: B.team.id }, orderBy: { id: "asc" }, select: { id: true, role: true } }),
    invitations: await db().invitation.findMany({ where: { teamId: B.team.id }, orderBy: { id: "asc" }, select: { id: true, revokedAt: true } }),
    assignments: await db().agentAssignment.count({ where: { teamId: B.team.id } }),
  };
}

describe("accounts route handlers", () => {
  for (const c of cases) {
    describe(`${c.method} ${c.name}`, () => {
      it("answers 401 without a session", async () => {
        const res = await call(new Client(), c, "A");
        expect(res.status).toBe(401);
        expect(res.headers.get("cache-control")).toContain("no-store");
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
      });

      it("answers 404 to every role of team A for team B's resources, and changes nothing in B", async () => {
        const before = await snapshotB();
        for (const role of ["OWNER", "ADMIN", "SUPERVISOR", "AGENT"] as const) {
          const res = await call(A.clients[role], c, "B");
          expect(res.status, `${role} of A on B`).toBe(404);
          const text = await res.text();
          expect(text).not.toContain(B.team.name);
        }
        expect(await snapshotB()).toEqual(before);
      });

      if (c.forbidden.length) {
        it(`answers 403 to ${c.forbidden.join(", ")}`, async () => {
          for (const role of c.forbidden) {
            const res = await call(A.clients[role], c, "A");
            expect(res.status, role).toBe(403);
            expect(((await res.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");
          }
        });
      }
    });
  }

  it("mixing team A's id with team B's member, invitation or assignment ids gives 404", async () => {
    const owner = A.clients.OWNER;
    expect((await owner.patch(`/api/teams/${A.team.id}/members/${ids.bAgent}`, { role: "SUPERVISOR" })).status).toBe(404);
    expect((await owner.delete(`/api/teams/${A.team.id}/members/${ids.bAgent}`)).status).toBe(404);
    expect((await owner.get(`/api/teams/${A.team.id}/members/${ids.bAgent}/assignments`)).status).toBe(404);
    expect((await owner.put(`/api/teams/${A.team.id}/members/${ids.bAgent}/assignments`, { assignments: [] })).status).toBe(404);
    expect((await owner.delete(`/api/teams/${A.team.id}/invitations/${ids.bInvitation}`)).status).toBe(404);
    expect((await owner.post(`/api/teams/${A.team.id}/transfer-ownership`, { membershipId: ids.bAgent })).status).toBe(404);
    expect((await db().membership.findUniqueOrThrow({ where: { id: ids.bAgent } })).role).toBe("AGENT");
    expect((await db().invitation.findUniqueOrThrow({ where: { id: ids.bInvitation } })).revokedAt).toBeNull();
  });

  it("answers 401 on the account routes without a session", async () => {
    const anon = new Client();
    for (const [method, path, body] of [
      ["PATCH", "/api/account", { name: "x" }],
      ["POST", "/api/account/password", { currentPassword: "x", newPassword: "yyyyyyyyyy" }],
      ["POST", "/api/account/sign-out-everywhere", {}],
      ["POST", "/api/teams", { name: "x" }],
      ["POST", "/api/invitations/accept", { token: "x".repeat(43) }],
    ] as const) {
      const res = await anon.request(path, { method, json: body });
      expect(res.status, path).toBe(401);
    }
  });

  it("answers 404 for unknown team ids, not 403 or 500", async () => {
    const res = await A.clients.OWNER.get(`/api/teams/does-not-exist/members`);
    expect(res.status).toBe(404);
  });

  it("rejects invalid bodies with 400 and field errors, after the access check", async () => {
    const res = await A.clients.ADMIN.post(`/api/teams/${A.team.id}/invitations`, { email: "not an email", role: "AGENT" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { fieldErrors: Record<string, string[]> } };
    expect(body.error.fieldErrors.email).toEqual(["Enter a valid e-mail address."]);
    const notJson = await A.clients.ADMIN.request(`/api/teams/${A.team.id}/invitations`, { method: "POST", body: "{", headers: { "content-type": "application/json" } });
    expect(notJson.status).toBe(400);
    const anonymous = await new Client().post(`/api/teams/${A.team.id}/invitations`, { email: "not an email" });
    expect(anonymous.status).toBe(401);
  });
});

describe("pages by slug", () => {
  const pages = ["general", "members", "assignments", "audit"] as const;
  const allowed: Record<(typeof pages)[number], Role[]> = {
    general: ["OWNER", "ADMIN"],
    members: ["OWNER", "ADMIN"],
    assignments: ["OWNER", "ADMIN", "SUPERVISOR"],
    audit: ["OWNER", "ADMIN"],
  };

  it("show each role only the settings pages its scopes allow (403 otherwise)", async () => {
    for (const page of pages) {
      for (const role of ["OWNER", "ADMIN", "SUPERVISOR", "AGENT"] as const) {
        const res = await A.clients[role].get(`/teams/${A.team.slug}/settings/${page}`);
        expect(res.status, `${role} on ${page}`).toBe(allowed[page].includes(role) ? 200 : 403);
      }
    }
  });

  it("are 404 for another team's slug and a redirect to sign-in without a session", async () => {
    for (const page of pages) {
      const res = await A.clients.OWNER.get(`/teams/${B.team.slug}/settings/${page}`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain(B.team.name);
      const anon = await new Client().get(`/teams/${A.team.slug}/settings/${page}`);
      expect(anon.status).toBe(307);
      expect(anon.headers.get("location")).toContain("/signin?callbackUrl=");
    }
    expect((await A.clients.OWNER.get(`/teams/${B.team.slug}/settings`)).status).toBe(404);
  });

  it("/settings opens the first allowed page, and is 403 for agents", async () => {
    const sup = await A.clients.SUPERVISOR.get(`/teams/${A.team.slug}/settings`);
    expect(sup.status).toBe(307);
    expect(sup.headers.get("location")).toContain(`/teams/${A.team.slug}/settings/assignments`);
    const owner = await A.clients.OWNER.get(`/teams/${A.team.slug}/settings`);
    expect(owner.headers.get("location")).toContain(`/teams/${A.team.slug}/settings/general`);
    expect((await A.clients.AGENT.get(`/teams/${A.team.slug}/settings`)).status).toBe(403);
  });

  it("members page lists the members and never a password hash or token hash", async () => {
    const res = await A.clients.ADMIN.get(`/teams/${A.team.slug}/settings/members`);
    const html = await res.text();
    for (const u of Object.values(A.users)) expect(html).toContain(u.email);
    expect(html).not.toMatch(/argon2|passwordHash|tokenHash|sessionVersion/);
  });

  it("account, new-team and invitation pages need a session except the invitation", async () => {
    const anon = new Client();
    expect((await anon.get("/account")).status).toBe(307);
    expect((await anon.get("/teams/new")).status).toBe(307);
    expect((await anon.get(`/invite/${"x".repeat(43)}`)).status).toBe(200);
    const u = await new Client().signIn((await createUser()).email);
    expect((await u.get("/account")).status).toBe(200);
    expect((await u.get("/teams/new")).status).toBe(200);
  });
});
