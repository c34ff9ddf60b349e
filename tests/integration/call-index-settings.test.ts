// Settings → Search index over HTTP against the built app: who may read and change the index, bad
// bodies (400 with field errors, nothing changed), retention off deleting the team's index, the page.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedIndexedCalls, seedIndexState } from "../support/indexed-calls";
import { Client, createTeam, createUser, teamWithRoles } from "./helpers";

let t: Awaited<ReturnType<typeof teamWithRoles>>;
const base = (rest = "") => `/api/teams/${t.team.id}/index${rest}`;

beforeAll(async () => {
  t = await teamWithRoles();
  await seedIndexedCalls(t.team.id, [1, 2, 3]);
  await seedIndexState(t.team.id, { backfillDoneAt: new Date(), lastSuccessAt: new Date(), requestsWindowStart: new Date(), requestsInWindow: 4, requestsTotal: 120 });
});

describe("search index routes", () => {
  it("refuse without a session (401), outside the team (404), without the scope (403)", async () => {
    const anon = new Client();
    expect((await anon.get(base())).status).toBe(401);
    expect((await anon.patch(base(), { paused: true })).status).toBe(401);
    const outsider = await createUser();
    await createTeam({ members: [{ userId: outsider.id, role: "OWNER" }] });
    const o = await new Client().signIn(outsider.email);
    expect((await o.get(base())).status).toBe(404);
    expect((await o.put(base("/retention"), { retentionDays: null })).status).toBe(404);
    expect((await t.clients.AGENT.get(base())).status).toBe(403);
    for (const c of [t.clients.AGENT, t.clients.SUPERVISOR]) {
      expect((await c.patch(base(), { paused: true })).status).toBe(403);
      expect((await c.post(base("/rebuild"))).status).toBe(403);
      expect((await c.put(base("/retention"), { retentionDays: null })).status).toBe(403);
    }
    expect(await db().indexedCall.count({ where: { teamId: t.team.id } })).toBe(3);
  });

  it("GET answers the state to supervisors and admins", async () => {
    for (const c of [t.clients.SUPERVISOR, t.clients.ADMIN]) {
      const res = await c.get(base());
      expect(res.status).toBe(200);
      expect((await res.json()).status).toMatchObject({ state: "up_to_date", callsIndexed: 3, retentionDays: 90, budget: { usedThisMinute: 4, usedTotal: 120, allowedPerMinute: 50 } });
    }
  });

  it("refuses bad bodies with field errors and changes nothing", async () => {
    const paused = await t.clients.ADMIN.patch(base(), { paused: "yes" });
    expect(paused.status).toBe(400);
    expect((await paused.json()).error.fieldErrors.paused).toEqual(["Say true to pause or false to resume."]);
    for (const retentionDays of [0, 3651, 2.5, "30"]) {
      const res = await t.clients.ADMIN.put(base("/retention"), { retentionDays });
      expect(res.status).toBe(400);
      expect((await res.json()).error.fieldErrors.retentionDays).toEqual(["Enter a whole number of days from 1 to 3650, or turn the index off."]);
    }
    expect((await t.clients.ADMIN.put(base("/retention"), {})).status).toBe(400);
    const notJson = await t.clients.ADMIN.request(base("/retention"), { method: "PUT", headers: { "content-type": "application/json" }, body: "{" });
    expect(notJson.status).toBe(400);
    const huge = await t.clients.ADMIN.put(base("/retention"), { retentionDays: 30, pad: "x".repeat(70 * 1024) });
    expect(huge.status).toBe(413);
    expect((await db().team.findUniqueOrThrow({ where: { id: t.team.id } })).indexRetentionDays).toBe(90);
    expect(await db().callIndexState.findUniqueOrThrow({ where: { teamId: t.team.id } })).toMatchObject({ paused: false, rebuildRequestedAt: null });
    expect(await db().indexedCall.count({ where: { teamId: t.team.id } })).toBe(3);
  });

  it("an admin pauses, resumes, asks for a rebuild and turns the index off (deleting it), each audited", async () => {
    const pause = await t.clients.ADMIN.patch(base(), { paused: true });
    expect(pause.status).toBe(200);
    expect(await pause.json()).toMatchObject({ changed: true, status: { state: "paused", paused: true } });
    expect((await (await t.clients.OWNER.patch(base(), { paused: false })).json()).status.state).toBe("up_to_date");
    const rebuild = await t.clients.ADMIN.post(base("/rebuild"));
    expect(rebuild.status).toBe(200);
    expect((await rebuild.json()).status.rebuildRequestedAt).toEqual(expect.any(String));
    const off = await t.clients.ADMIN.put(base("/retention"), { retentionDays: null });
    expect(off.status).toBe(200);
    expect(await off.json()).toMatchObject({ retentionDays: null, changed: true, purged: 3, status: { state: "off", callsIndexed: 0 } });
    expect(await db().indexedCall.count({ where: { teamId: t.team.id } })).toBe(0);
    expect(await db().callIndexState.count({ where: { teamId: t.team.id } })).toBe(0);
    expect((await t.clients.ADMIN.patch(base(), { paused: true })).status).toBe(409);
    const on = await t.clients.ADMIN.put(base("/retention"), { retentionDays: 30 });
    expect(await on.json()).toMatchObject({ retentionDays: 30, status: { state: "not_started" } });
    const actions = await db().auditEvent.findMany({ where: { teamId: t.team.id, action: { startsWith: "index." } }, orderBy: { createdAt: "asc" }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(["index.paused", "index.resumed", "index.rebuild_requested", "index.retention_changed", "index.retention_changed"]);
  });

  it("the page shows the state to a supervisor without the controls, and to an admin with them", async () => {
    const path = `/teams/${t.team.slug}/settings/search-index`;
    const sup = await t.clients.SUPERVISOR.get(path);
    expect(sup.status).toBe(200);
    const supHtml = await sup.text();
    expect(supHtml).toContain("Search index");
    expect(supHtml).toContain("Owners and admins change it.");
    expect(supHtml).not.toContain(">Turn off<");
    const admin = await (await t.clients.ADMIN.get(path)).text();
    expect(admin).toContain(">Save retention<");
    expect(admin).toContain(">Turn off<");
    expect((await t.clients.AGENT.get(path)).status).toBe(403);
  });
});
