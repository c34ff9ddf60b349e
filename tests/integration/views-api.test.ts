import { beforeAll, describe, expect, it } from "vitest";
import { ROLES, can } from "@/lib/rbac";
import { assignAssistants, Client, connectTeam, createTeam, createUser, teamWithRoles } from "./helpers";

let t: Awaited<ReturnType<typeof teamWithRoles>>;
const base = () => `/api/teams/${t.team.id}/views`;
const COLS = ["time", "status", "assistant"];

beforeAll(async () => {
  t = await teamWithRoles();
  await connectTeam(t.team.id);
  await assignAssistants(t.team.id, t.users.AGENT.id, [101]);
});

describe("saved views over HTTP", () => {
  it("checks the session, the team and the scope on every route", async () => {
    const anon = new Client();
    expect((await anon.get(base())).status).toBe(401);
    expect((await anon.post(base(), { name: "x", columns: COLS })).status).toBe(401);
    expect((await anon.patch(`${base()}/abc`, { version: 1 })).status).toBe(401);
    expect((await anon.delete(`${base()}/abc`)).status).toBe(401);
    expect((await anon.put(`${base()}/defaults`, { user: null })).status).toBe(401);

    const outsider = await createUser();
    await createTeam({ members: [{ userId: outsider.id, role: "OWNER" }] });
    const o = await new Client().signIn(outsider.email);
    const created = await t.clients.SUPERVISOR.post(base(), { name: "Team failed", visibility: "TEAM", filters: { status: "failed" }, columns: COLS });
    expect(created.status).toBe(201);
    const view = await created.json();
    expect((await o.get(base())).status).toBe(404);
    expect((await o.get(`${base()}/${view.id}`)).status).toBe(404);
    expect((await o.patch(`${base()}/${view.id}`, { version: view.version, name: "mine" })).status).toBe(404);
    expect((await o.delete(`${base()}/${view.id}`)).status).toBe(404);

    expect((await t.clients.AGENT.post(base(), { name: "Agent team view", visibility: "TEAM", filters: {}, columns: COLS })).status).toBe(403);
    expect((await t.clients.AGENT.patch(`${base()}/${view.id}`, { version: view.version, name: "agent" })).status).toBe(403);
    expect((await t.clients.AGENT.put(`${base()}/defaults`, { team: view.id })).status).toBe(403);
  });

  it("validates bodies: 400 with field errors, and ignores smuggled fields", async () => {
    const bad = await t.clients.AGENT.post(base(), { name: "", filters: { status: "nope" }, columns: ["nope"] });
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(Object.keys(body.error.fieldErrors).sort()).toEqual(["columns", "name"]);
    const badFilters = await t.clients.AGENT.post(base(), { name: "x", filters: { status: "nope" }, columns: COLS });
    expect((await badFilters.json()).error.fieldErrors).toHaveProperty(["filters.status"]);
    const smuggled = await t.clients.AGENT.post(base(), { name: "Mine", filters: {}, columns: COLS, teamId: "other", ownerId: t.users.OWNER.id, version: 99 });
    expect(smuggled.status).toBe(201);
    const v = await smuggled.json();
    expect(v).toMatchObject({ isMine: true, version: 1, visibility: "PERSONAL" });
    expect((await t.clients.AGENT.post(base(), { name: "mine", filters: {}, columns: COLS })).status).toBe(409);
    expect((await t.clients.AGENT.request(base(), { method: "POST", body: "{not json", headers: { "content-type": "application/json" } })).status).toBe(400);
  });

  it("answers 409 to a save from a stale copy", async () => {
    const v = await (await t.clients.SUPERVISOR.post(base(), { name: "Shared edit", visibility: "TEAM", filters: {}, columns: COLS })).json();
    expect((await t.clients.ADMIN.patch(`${base()}/${v.id}`, { version: v.version, filters: { type: "web" } })).status).toBe(200);
    const stale = await t.clients.SUPERVISOR.patch(`${base()}/${v.id}`, { version: v.version, filters: { type: "inbound" } });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.message).toMatch(/changed .*since you opened it/);
  });

  describe.each(ROLES)("as %s", (role) => {
    const sharer = can(role, "views:share");
    const c = () => t.clients[role];

    it("creates, renames, updates, defaults and deletes its own personal view", async () => {
      const created = await c().post(base(), { name: `Own ${role}`, filters: { status: "failed" }, columns: COLS });
      expect(created.status).toBe(201);
      const v = await created.json();
      expect(v).toMatchObject({ visibility: "PERSONAL", isMine: true, canEdit: true, version: 1 });
      const renamed = await c().patch(`${base()}/${v.id}`, { version: 1, name: `Own ${role} renamed` });
      expect(renamed.status).toBe(200);
      expect(await renamed.json()).toMatchObject({ name: `Own ${role} renamed`, version: 2 });
      const updated = await c().patch(`${base()}/${v.id}`, { version: 2, filters: { type: "inbound" }, columns: ["time", "status"] });
      expect(updated.status).toBe(200);
      expect(await updated.json()).toMatchObject({ filters: { type: "inbound", per_page: 25 }, columns: ["time", "status"], version: 3 });
      const def = await c().put(`${base()}/defaults`, { user: v.id });
      expect(def.status).toBe(200);
      expect((await def.json()).user).toBe(v.id);
      expect((await c().put(`${base()}/defaults`, { user: null })).status).toBe(200);
      expect((await c().delete(`${base()}/${v.id}`)).status).toBe(204);
      expect((await c().get(`${base()}/${v.id}`)).status).toBe(404);
    });

    it(`${sharer ? "may" : "may not"} create, change, delete team views and set the team default; sets its own default to a team view`, async () => {
      const existing = await (await t.clients.SUPERVISOR.post(base(), { name: `Team for ${role}`, visibility: "TEAM", filters: {}, columns: COLS })).json();
      const created = await c().post(base(), { name: `Team by ${role}`, visibility: "TEAM", filters: { type: "outbound" }, columns: COLS });
      expect(created.status).toBe(sharer ? 201 : 403);
      const patched = await c().patch(`${base()}/${existing.id}`, { version: existing.version, filters: { status: "busy" } });
      expect(patched.status).toBe(sharer ? 200 : 403);
      const teamDefault = await c().put(`${base()}/defaults`, { team: existing.id });
      expect(teamDefault.status).toBe(sharer ? 200 : 403);
      if (sharer) expect((await teamDefault.json()).team).toBe(existing.id);
      expect((await t.clients.OWNER.put(`${base()}/defaults`, { team: null })).status).toBe(200);
      const mine = await c().put(`${base()}/defaults`, { user: existing.id });
      expect(mine.status).toBe(200);
      expect((await mine.json()).user).toBe(existing.id);
      expect((await c().put(`${base()}/defaults`, { user: null })).status).toBe(200);
      const deleted = await c().delete(`${base()}/${existing.id}`);
      expect(deleted.status).toBe(sharer ? 204 : 403);
      if (sharer) {
        const own = await created.json();
        expect((await c().delete(`${base()}/${own.id}`)).status).toBe(204);
      } else {
        // Nothing changed.
        const after = await (await t.clients.SUPERVISOR.get(`${base()}/${existing.id}`)).json();
        expect(after).toMatchObject({ version: existing.version, filters: existing.filters });
        expect((await t.clients.SUPERVISOR.delete(`${base()}/${existing.id}`)).status).toBe(204);
      }
    });

    it("cannot read, change, delete or default to someone else's personal view (404)", async () => {
      const owner = role === "SUPERVISOR" ? t.clients.ADMIN : t.clients.SUPERVISOR;
      const theirs = await (await owner.post(base(), { name: `Private of someone, seen by ${role}`, filters: {}, columns: COLS })).json();
      expect((await c().get(`${base()}/${theirs.id}`)).status).toBe(404);
      expect((await c().patch(`${base()}/${theirs.id}`, { version: theirs.version, name: "taken" })).status).toBe(404);
      expect((await c().patch(`${base()}/${theirs.id}`, { version: theirs.version, visibility: "TEAM" })).status).toBe(404);
      expect((await c().delete(`${base()}/${theirs.id}`)).status).toBe(404);
      expect((await c().put(`${base()}/defaults`, { user: theirs.id })).status).toBe(404);
      expect((await c().put(`${base()}/defaults`, { team: theirs.id })).status).toBe(sharer ? 404 : 403);
      const list = await (await c().get(base())).json();
      expect([...list.mine, ...list.team].map((v: { id: string }) => v.id)).not.toContain(theirs.id);
      expect(await (await owner.get(`${base()}/${theirs.id}`)).json()).toMatchObject({ name: theirs.name, version: theirs.version, visibility: "PERSONAL" });
      expect((await owner.delete(`${base()}/${theirs.id}`)).status).toBe(204);
    });
  });
});

describe("sharing a personal view with the team over HTTP", () => {
  const auditOf = async (viewId: string) => {
    const res = await t.clients.OWNER.get(`/api/teams/${t.team.id}/audit?action=view.shared`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { events: { action: string; actor: { id: string | null } | null; target: { id: string | null; label: string | null } | null }[] }).events.filter((e) => e.target?.id === viewId);
  };

  it("shares a supervisor's view (audited, visible to the team)", async () => {
    const v = await (await t.clients.SUPERVISOR.post(base(), { name: "Failed this week", filters: { status: "failed", date_preset: "last7" }, columns: COLS })).json();
    expect((await (await t.clients.AGENT.get(base())).json()).team.map((x: { id: string }) => x.id)).not.toContain(v.id);
    const shared = await t.clients.SUPERVISOR.patch(`${base()}/${v.id}`, { version: v.version, visibility: "TEAM" });
    expect(shared.status).toBe(200);
    expect(await shared.json()).toMatchObject({ id: v.id, visibility: "TEAM", version: v.version + 1, name: "Failed this week", filters: v.filters });
    const events = await auditOf(v.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "view.shared", actor: { id: t.users.SUPERVISOR.id }, target: { id: v.id, label: "Failed this week" } });
    const agentList = await (await t.clients.AGENT.get(base())).json();
    expect(agentList.team.find((x: { id: string }) => x.id === v.id)).toMatchObject({ isMine: false, canEdit: false, owner: { id: t.users.SUPERVISOR.id, formerMember: false } });
    // A team view does not go back to personal.
    const back = await t.clients.SUPERVISOR.patch(`${base()}/${v.id}`, { version: v.version + 1, visibility: "PERSONAL" });
    expect(back.status).toBe(400);
    expect((await back.json()).error.fieldErrors.visibility).toEqual(["Team views stay team views."]);
    expect((await t.clients.SUPERVISOR.delete(`${base()}/${v.id}`)).status).toBe(204);
  });

  it("refuses an agent sharing their own view (403) and changes nothing", async () => {
    const v = await (await t.clients.AGENT.post(base(), { name: "Agent's inbound", filters: { type: "inbound" }, columns: COLS })).json();
    const res = await t.clients.AGENT.patch(`${base()}/${v.id}`, { version: v.version, visibility: "TEAM" });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toBe("Only supervisors and admins can share views with the team.");
    expect(await (await t.clients.AGENT.get(`${base()}/${v.id}`)).json()).toMatchObject({ visibility: "PERSONAL", version: v.version });
    expect((await t.clients.SUPERVISOR.get(`${base()}/${v.id}`)).status).toBe(404);
    expect(await auditOf(v.id)).toEqual([]);
  });

  it("answers 409 with a clear message when the team already has a view of that name, and changes nothing", async () => {
    const team = await (await t.clients.ADMIN.post(base(), { name: "Callbacks", visibility: "TEAM", filters: {}, columns: COLS })).json();
    const v = await (await t.clients.SUPERVISOR.post(base(), { name: "callbacks ", filters: { status: "no-answer" }, columns: COLS })).json();
    const res = await t.clients.SUPERVISOR.patch(`${base()}/${v.id}`, { version: v.version, visibility: "TEAM" });
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body.error.message).toBe("The team already has a view with this name.");
    expect(body.error.fieldErrors).toEqual({ name: ["The team already has a view with this name."] });
    expect(await (await t.clients.SUPERVISOR.get(`${base()}/${v.id}`)).json()).toMatchObject({ visibility: "PERSONAL", version: v.version });
    expect(await auditOf(v.id)).toEqual([]);
    // Renamed and shared in one request, it goes through.
    const ok = await t.clients.SUPERVISOR.patch(`${base()}/${v.id}`, { version: v.version, visibility: "TEAM", name: "Callbacks (no answer)" });
    expect(ok.status).toBe(200);
    expect(await auditOf(v.id)).toHaveLength(1);
    for (const id of [team.id, v.id]) expect((await t.clients.ADMIN.delete(`${base()}/${id}`)).status).toBe(204);
  });
});
