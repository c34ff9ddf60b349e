import { beforeAll, describe, expect, it } from "vitest";
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
});
