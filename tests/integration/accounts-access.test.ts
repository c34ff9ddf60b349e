// The accounts route handlers over HTTP against the production build: a member of team A can never
// reach team B through B's ids under A's team id, and bodies are validated after the access check.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Client, teamWithRoles, uniq } from "./helpers";

type Setup = Awaited<ReturnType<typeof teamWithRoles>>;
let A: Setup;
let B: Setup;
const mid = async (teamId: string, userId: string) => (await db().membership.findUniqueOrThrow({ where: { teamId_userId: { teamId, userId } } })).id;
let ids: { bAgent: string; bInvitation: string };

beforeAll(async () => {
  [A, B] = await Promise.all([teamWithRoles(), teamWithRoles()]);
  const invite = async (s: Setup) => {
    const res = await s.clients.OWNER.post(`/api/teams/${s.team.id}/invitations`, { email: `${uniq("inv")}@example.test`, role: "AGENT" });
    expect(res.status).toBe(201);
    return ((await res.json()) as { invitation: { id: string } }).invitation.id;
  };
  ids = {
    bAgent: await mid(B.team.id, B.users.AGENT.id),
    bInvitation: await invite(B),
  };
});

// 401 without a session, 404 for another team's ids and 403 without the scope, for every route
// handler and page: see entry-points.test.ts (one table for all of them). Here: what is particular
// to the accounts routes.
describe("accounts route handlers", () => {
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
});
