// Accounts journeys over HTTP: escalation attempts, sessions ending on role and membership changes,
// invitations end to end, password change and sign-out everywhere, and login throttling.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Client, createTeam, createUser, DEFAULT_PASSWORD, teamWithRoles, uniq } from "./helpers";

const mid = async (teamId: string, userId: string) => (await db().membership.findUniqueOrThrow({ where: { teamId_userId: { teamId, userId } } })).id;
const roleOf = async (teamId: string, userId: string) => (await db().membership.findUnique({ where: { teamId_userId: { teamId, userId } } }))?.role ?? null;
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; details?: unknown; reason?: string } }).error;

describe("role escalation attempts fail", () => {
  it("an admin cannot grant owner or admin, nor invite an owner or admin", async () => {
    const { team, users, clients } = await teamWithRoles();
    const agent = await mid(team.id, users.AGENT.id);
    for (const role of ["OWNER", "ADMIN"]) {
      const res = await clients.ADMIN.patch(`/api/teams/${team.id}/members/${agent}`, { role });
      expect(res.status).toBe(403);
      expect((await errorOf(res)).message).toMatch(/Only an owner/);
      expect((await clients.ADMIN.post(`/api/teams/${team.id}/invitations`, { email: `${uniq()}@example.test`, role })).status).toBe(403);
    }
    expect(await roleOf(team.id, users.AGENT.id)).toBe("AGENT");
    expect(await db().invitation.count({ where: { teamId: team.id } })).toBe(0);
  });

  it("nobody changes their own role, owners included", async () => {
    const { team, users, clients } = await teamWithRoles();
    for (const role of ["OWNER", "ADMIN"] as const) {
      const self = await mid(team.id, users[role].id);
      const res = await clients[role].patch(`/api/teams/${team.id}/members/${self}`, { role: role === "OWNER" ? "AGENT" : "OWNER" });
      expect(res.status).toBe(403);
      expect((await errorOf(res)).message).toMatch(/own role/);
    }
    const sup = await mid(team.id, users.SUPERVISOR.id);
    expect((await clients.SUPERVISOR.patch(`/api/teams/${team.id}/members/${sup}`, { role: "ADMIN" })).status).toBe(403);
    expect(await roleOf(team.id, users.OWNER.id)).toBe("OWNER");
    expect(await roleOf(team.id, users.ADMIN.id)).toBe("ADMIN");
  });

  it("the last owner can neither be demoted nor leave", async () => {
    const { team, users, clients } = await teamWithRoles();
    const leave = await clients.OWNER.post(`/api/teams/${team.id}/leave`);
    expect(leave.status).toBe(409);
    expect((await errorOf(leave)).message).toMatch(/last owner/);
    expect(await roleOf(team.id, users.OWNER.id)).toBe("OWNER");
  });

  it("extra fields such as role, teamId or userId in a body are ignored", async () => {
    const { team, users, clients } = await teamWithRoles();
    const other = await createTeam({ members: [{ userId: (await createUser()).id, role: "OWNER" }] });

    // Creating a team: the creator is its owner whatever the body says, and no other team is touched.
    const created = await clients.AGENT.post("/api/teams", { name: "Agent's own", role: "AGENT", teamId: other.id, ownerUserId: users.OWNER.id });
    expect(created.status).toBe(201);
    const newTeam = ((await created.json()) as { team: { id: string } }).team;
    expect(await roleOf(newTeam.id, users.AGENT.id)).toBe("OWNER");
    expect(await roleOf(newTeam.id, users.OWNER.id)).toBeNull();

    // Settings of A with B's id in the body change A only.
    const patched = await clients.ADMIN.patch(`/api/teams/${team.id}`, { name: "Renamed A", teamId: other.id, id: other.id });
    expect(patched.status).toBe(200);
    expect((await db().team.findUniqueOrThrow({ where: { id: other.id } })).name).toBe(other.name);
    expect((await db().team.findUniqueOrThrow({ where: { id: team.id } })).name).toBe("Renamed A");

    // An invitation lands in the team of the URL.
    const inv = await clients.ADMIN.post(`/api/teams/${team.id}/invitations`, { email: `${uniq()}@example.test`, role: "AGENT", teamId: other.id, invitedById: users.OWNER.id });
    expect(inv.status).toBe(201);
    expect(await db().invitation.count({ where: { teamId: other.id } })).toBe(0);

    // The account: only the name changes, not the e-mail, role or session version.
    const before = await db().user.findUniqueOrThrow({ where: { id: users.AGENT.id } });
    const acc = await clients.AGENT.patch("/api/account", { name: "Agent Renamed", email: "owned@example.test", role: "OWNER", sessionVersion: 99, id: users.OWNER.id });
    expect(acc.status).toBe(200);
    const after = await db().user.findUniqueOrThrow({ where: { id: users.AGENT.id } });
    expect(after).toMatchObject({ name: "Agent Renamed", email: before.email, sessionVersion: before.sessionVersion });
    expect((await db().user.findUniqueOrThrow({ where: { id: users.OWNER.id } })).name).not.toBe("Agent Renamed");

    // Sign-up with a role or team in the body creates a plain account with no membership.
    const email = `${uniq("signup")}@example.test`;
    const su = await new Client().post("/api/signup", { email, password: DEFAULT_PASSWORD, name: "New", role: "OWNER", teamId: team.id });
    expect(su.status).toBe(202);
    expect(await db().membership.count({ where: { user: { email } } })).toBe(0);

    // Assignments: a smuggled teamId/membershipId does not redirect the write.
    const agentMid = await mid(team.id, users.AGENT.id);
    const put = await clients.SUPERVISOR.put(`/api/teams/${team.id}/members/${agentMid}/assignments`, { assignments: [{ assistantId: 101, label: "Sales", teamId: other.id }], teamId: other.id });
    expect(put.status).toBe(200);
    expect(await db().agentAssignment.count({ where: { teamId: other.id } })).toBe(0);
    expect(await db().agentAssignment.count({ where: { membershipId: agentMid } })).toBe(1);
  });
});

describe("role and membership changes take effect on the very next request", () => {
  it("a demoted admin loses the scope at once: signed out, then 403 after signing in again", async () => {
    const { team, users, clients } = await teamWithRoles();
    const admin = clients.ADMIN;
    expect((await admin.get(`/api/teams/${team.id}/audit`)).status).toBe(200);
    const res = await clients.OWNER.patch(`/api/teams/${team.id}/members/${await mid(team.id, users.ADMIN.id)}`, { role: "AGENT" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ member: { role: "AGENT", changed: true } });

    expect((await admin.get(`/api/teams/${team.id}/audit`)).status).toBe(401);
    expect((await admin.get(`/teams/${team.slug}/settings/audit`)).status).toBe(307);
    const again = await new Client().signIn(users.ADMIN.email);
    expect((await again.get(`/api/teams/${team.id}/audit`)).status).toBe(403);
    expect((await again.get(`/teams/${team.slug}/settings/members`)).status).toBe(403);
    // Other members' sessions are untouched.
    expect((await clients.OWNER.get(`/api/teams/${team.id}/audit`)).status).toBe(200);
  });

  it("a removed member is signed out of the team: 401 at once, 404 after signing in again", async () => {
    const { team, users, clients } = await teamWithRoles();
    expect((await clients.AGENT.get(`/teams/${team.slug}/calls`)).status).not.toBe(404);
    const res = await clients.ADMIN.delete(`/api/teams/${team.id}/members/${await mid(team.id, users.AGENT.id)}`);
    expect(res.status).toBe(200);
    expect((await clients.AGENT.post(`/api/teams/${team.id}/leave`)).status).toBe(401);
    const page = await clients.AGENT.get(`/teams/${team.slug}/calls`);
    expect(page.status).toBe(307);
    const again = await new Client().signIn(users.AGENT.email);
    expect((await again.get(`/teams/${team.slug}/calls`)).status).toBe(404);
    expect((await again.post(`/api/teams/${team.id}/leave`)).status).toBe(404);
  });

  it("leaving keeps this browser signed in (without the team) and ends the user's other sessions", async () => {
    const { team, users, clients } = await teamWithRoles();
    const other = await createTeam({ members: [{ userId: users.SUPERVISOR.id, role: "AGENT" }] });
    const secondDevice = await new Client().signIn(users.SUPERVISOR.email);
    const res = await clients.SUPERVISOR.post(`/api/teams/${team.id}/leave`);
    expect(res.status).toBe(200);
    expect((await clients.SUPERVISOR.get(`/teams/${team.slug}/settings/assignments`)).status).toBe(404);
    expect((await clients.SUPERVISOR.get(`/teams/${other.slug}/settings`)).status).toBe(403);
    expect((await clients.SUPERVISOR.get("/account")).status).toBe(200);
    expect((await secondDevice.get("/account")).status).toBe(307);
  });

  it("transferring ownership makes the owner an admin at once while keeping them signed in", async () => {
    const { team, users, clients } = await teamWithRoles();
    const res = await clients.OWNER.post(`/api/teams/${team.id}/transfer-ownership`, { membershipId: await mid(team.id, users.SUPERVISOR.id) });
    expect(res.status).toBe(200);
    expect(await roleOf(team.id, users.SUPERVISOR.id)).toBe("OWNER");
    expect(await roleOf(team.id, users.OWNER.id)).toBe("ADMIN");
    // Same browser, next request: an admin now.
    expect((await clients.OWNER.post(`/api/teams/${team.id}/transfer-ownership`, { membershipId: await mid(team.id, users.AGENT.id) })).status).toBe(403);
    expect((await clients.OWNER.get(`/api/teams/${team.id}/members`)).status).toBe(200);
    // The new owner's old session ended.
    expect((await clients.SUPERVISOR.get(`/api/teams/${team.id}/members`)).status).toBe(401);
    const newOwner = await new Client().signIn(users.SUPERVISOR.email);
    expect((await newOwner.delete(`/api/teams/${team.id}`, { confirmSlug: team.slug })).status).toBe(200);
    expect(await db().team.findUnique({ where: { id: team.id } })).toBeNull();
  });
});

describe("invitations end to end", () => {
  it("an admin invites, the invitee signs up and accepts once, with their e-mail only", async () => {
    const { team, clients } = await teamWithRoles();
    const email = `${uniq("newbie")}@example.test`;
    const res = await clients.ADMIN.post(`/api/teams/${team.id}/invitations`, { email, role: "SUPERVISOR" });
    expect(res.status).toBe(201);
    const { url, path, invitation } = (await res.json()) as { url: string; path: string; invitation: { id: string; email: string; role: string; status: string } };
    expect(invitation).toMatchObject({ email, role: "SUPERVISOR", status: "pending" });
    expect(path).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(url.endsWith(path)).toBe(true);
    const token = path.split("/").pop()!;

    // The token is never listed again.
    const list = await clients.ADMIN.get(`/api/teams/${team.id}/invitations`);
    expect(JSON.stringify(await list.json())).not.toContain(token);

    // Anyone with the link sees the team and role.
    const page = await new Client().get(path);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(team.name);
    expect(html).toContain("supervisor");

    // Someone else cannot use it.
    const stranger = await new Client().signIn((await createUser()).email);
    const wrong = await stranger.post("/api/invitations/accept", { token });
    expect(wrong.status).toBe(403);
    expect((await errorOf(wrong)).message).toMatch(/This invitation is for/);

    // The invitee signs up, signs in and joins.
    const invitee = new Client();
    expect((await invitee.post("/api/signup", { email, password: DEFAULT_PASSWORD, name: "New Bie" })).status).toBe(202);
    await invitee.signIn(email);
    const ok = await invitee.post("/api/invitations/accept", { token });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ team: { name: team.name, slug: team.slug }, role: "SUPERVISOR" });
    expect((await invitee.get(`/teams/${team.slug}/settings/assignments`)).status).toBe(200);
    const again = await invitee.post("/api/invitations/accept", { token });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).message).toMatch(/already been used/);
    expect(await (await new Client().get(path)).text()).toContain("already been used");
  });

  it("a revoked link stops working and says so", async () => {
    const { team, clients } = await teamWithRoles();
    const email = `${uniq("rev")}@example.test`;
    const created = (await (await clients.OWNER.post(`/api/teams/${team.id}/invitations`, { email, role: "AGENT" })).json()) as { path: string; invitation: { id: string } };
    expect((await clients.ADMIN.delete(`/api/teams/${team.id}/invitations/${created.invitation.id}`)).status).toBe(200);
    const u = await new Client().signIn((await createUser({ email })).email);
    const res = await u.post("/api/invitations/accept", { token: created.path.split("/").pop() });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).message).toMatch(/revoked/);
    expect(await (await new Client().get(created.path)).text()).toContain("was revoked");
  });
});

describe("account", () => {
  it("changing the password keeps this browser signed in and ends the other sessions", async () => {
    const user = await createUser();
    const here = await new Client().signIn(user.email);
    const elsewhere = await new Client().signIn(user.email);
    const wrong = await here.post("/api/account/password", { currentPassword: "nope", newPassword: "another long password" });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: { fieldErrors: Record<string, string[]> } }).error.fieldErrors.currentPassword).toBeDefined();
    expect((await elsewhere.get("/account")).status).toBe(200);

    const ok = await here.post("/api/account/password", { currentPassword: DEFAULT_PASSWORD, newPassword: "another long password" });
    expect(ok.status).toBe(200);
    expect((await here.get("/account")).status).toBe(200);
    expect((await here.patch("/api/account", { name: "Still here" })).status).toBe(200);
    expect((await elsewhere.get("/account")).status).toBe(307);
    expect((await elsewhere.patch("/api/account", { name: "Gone" })).status).toBe(401);
    expect((await new Client().signInRaw(user.email, DEFAULT_PASSWORD)).status).toBe(401);
    await new Client().signIn(user.email, "another long password");
  });

  it("sign out everywhere ends every session, this one included", async () => {
    const user = await createUser();
    const a = await new Client().signIn(user.email);
    const b = await new Client().signIn(user.email);
    expect((await a.post("/api/account/sign-out-everywhere")).status).toBe(200);
    expect((await a.get("/account")).status).toBe(307);
    expect((await b.patch("/api/account", { name: "x" })).status).toBe(401);
    await new Client().signIn(user.email);
  });
});

describe("sign-in throttling", () => {
  /** A raw credentials sign-in from a given client IP (the throttle counts per e-mail and per IP). */
  async function attempt(email: string, password: string, ip: string) {
    const c = new Client();
    const { csrfToken } = (await (await c.get("/api/auth/csrf")).json()) as { csrfToken: string };
    return c.request("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip },
      body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: "/" }).toString(),
    });
  }

  it("answers the 6th wrong password in a minute with 429 and Retry-After, the same for unknown e-mails", async () => {
    const known = await createUser();
    const unknown = `${uniq("ghost")}@example.test`;
    const ip = `198.51.100.${Math.floor(Math.random() * 200) + 1}`;
    for (let i = 1; i <= 5; i++) {
      const [k, u] = [await attempt(known.email, `wrong ${i}`, ip), await attempt(unknown, `wrong ${i}`, `203.0.113.${i}`)];
      expect(k.status, `attempt ${i}`).toBe(u.status);
      expect(k.status).not.toBe(429);
      expect(await k.json()).toEqual(await u.json());
    }
    const sixth = await attempt(known.email, "wrong 6", `192.0.2.${Math.floor(Math.random() * 200) + 1}`);
    expect(sixth.status).toBe(429);
    const retry = Number(sixth.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    expect(((await sixth.json()) as { error: { message: string } }).error.message).toMatch(/Too many failed sign-in attempts. Try again in \d+ s/);
    const ghostSixth = await attempt(unknown, "wrong 6", "203.0.113.99");
    expect(ghostSixth.status).toBe(429);
    // Even the right password waits.
    expect((await attempt(known.email, DEFAULT_PASSWORD, "192.0.2.250")).status).toBe(429);
  });
});
