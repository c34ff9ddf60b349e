import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { TeamAccess } from "@/lib/auth/team-access";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { can, scopesOf, type Role } from "@/lib/rbac";
import { leaveTeam } from "@/lib/members/leave-team";
import { removeMember } from "@/lib/members/remove-member";
import { memberActor } from "@/lib/auth/team-actor";
import { createView } from "@/lib/views/create-view";
import { deleteView } from "@/lib/views/delete-view";
import { getView } from "@/lib/views/get-view";
import { listViews } from "@/lib/views/list-views";
import { resolveDefaultView } from "@/lib/views/resolve-default-view";
import { setMyDefaultView } from "@/lib/views/set-my-default-view";
import { setTeamDefaultView } from "@/lib/views/set-team-default-view";
import { updateView } from "@/lib/views/update-view";

const COLS = ["time", "status", "assistant"];

async function makeTeam() {
  const team = await db().team.create({ data: { name: "Views", slug: `v-${crypto.randomUUID()}` } });
  const members = {} as Record<Role, TeamAccess>;
  for (const role of ["OWNER", "ADMIN", "SUPERVISOR", "AGENT"] as Role[]) {
    const user = await db().user.create({ data: { email: `${role.toLowerCase()}-${crypto.randomUUID()}@x.test`, name: `${role} person` } });
    const m = await db().membership.create({ data: { teamId: team.id, userId: user.id, role } });
    members[role] = {
      user: { id: user.id, email: user.email, name: user.name, sessionVersion: 1 },
      team: { id: team.id, name: team.name, slug: team.slug, timeZone: team.timeZone, country: team.country },
      role,
      membershipId: m.id,
      scopes: scopesOf(role),
      can: (s) => can(role, s),
    };
  }
  return { team, members };
}

/** The same user as a member again (a new membership, as after being added back). */
async function rejoin(t: Awaited<ReturnType<typeof makeTeam>>, m: TeamAccess): Promise<TeamAccess> {
  const membership = await db().membership.create({ data: { teamId: t.team.id, userId: m.user.id, role: m.role } });
  return { ...m, membershipId: membership.id };
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

let A: Awaited<ReturnType<typeof makeTeam>>;
let B: Awaited<ReturnType<typeof makeTeam>>;
beforeAll(async () => {
  A = await makeTeam();
  B = await makeTeam();
});

describe("saved views", () => {
  it("lets every role manage its own personal views, and only sharers create team views", async () => {
    for (const role of ["OWNER", "ADMIN", "SUPERVISOR", "AGENT"] as Role[]) {
      const m = A.members[role];
      const v = await createView(m, { name: `Mine ${role}`, visibility: "PERSONAL", filters: { status: "failed" }, columns: COLS });
      expect(v).toMatchObject({ visibility: "PERSONAL", isMine: true, canEdit: true, filters: { status: "failed", per_page: 25 } });
      const renamed = await updateView(m, v.id, { version: v.version, name: `Mine ${role} (renamed)` });
      expect(renamed.version).toBe(v.version + 1);
      const team = createView(m, { name: `Team ${role}`, visibility: "TEAM", filters: {}, columns: COLS });
      expect(await code(team)).toBe(role === "AGENT" ? "FORBIDDEN" : "OK");
      await deleteView(m, v.id);
    }
    const list = await listViews(A.members.AGENT);
    expect(list.mine).toEqual([]);
    expect(list.team.map((v) => v.name).sort()).toEqual(["Team ADMIN", "Team OWNER", "Team SUPERVISOR"]);
    expect(list.team.every((v) => v.canEdit === false)).toBe(true);
    expect((await listViews(A.members.SUPERVISOR)).team.every((v) => v.canEdit)).toBe(true);
  });

  it("keeps personal views private and agents away from editing team views", async () => {
    const mine = await createView(A.members.SUPERVISOR, { name: "Private", visibility: "PERSONAL", filters: {}, columns: COLS });
    expect(await code(getView(A.members.ADMIN, mine.id))).toBe("NOT_FOUND");
    expect(await code(updateView(A.members.OWNER, mine.id, { version: 1, name: "Hijack" }))).toBe("NOT_FOUND");
    const shared = await createView(A.members.ADMIN, { name: "Shared", visibility: "TEAM", filters: {}, columns: COLS });
    expect(await code(updateView(A.members.AGENT, shared.id, { version: shared.version, name: "Agent edit" }))).toBe("FORBIDDEN");
    expect(await code(deleteView(A.members.AGENT, shared.id))).toBe("FORBIDDEN");
    expect(await code(setTeamDefaultView(A.members.AGENT, shared.id))).toBe("FORBIDDEN");
  });

  it("rejects duplicate names per owner and per team, case-insensitively", async () => {
    await createView(A.members.AGENT, { name: "Failed calls", visibility: "PERSONAL", filters: {}, columns: COLS });
    const dup = createView(A.members.AGENT, { name: "  failed CALLS ", visibility: "PERSONAL", filters: {}, columns: COLS });
    await expect(dup).rejects.toMatchObject({ code: "CONFLICT", fieldErrors: { name: ["You already have a view with this name."] } });
    // Another member may use the same personal name; a team view of the same name is separate too.
    await createView(A.members.SUPERVISOR, { name: "Failed calls", visibility: "PERSONAL", filters: {}, columns: COLS });
    await createView(A.members.SUPERVISOR, { name: "Failed calls", visibility: "TEAM", filters: {}, columns: COLS });
    await expect(createView(A.members.ADMIN, { name: "FAILED calls", visibility: "TEAM", filters: {}, columns: COLS })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("rejects invalid filters and columns on save and changes nothing", async () => {
    const before = await db().savedView.count();
    await expect(createView(A.members.AGENT, { name: "Bad", visibility: "PERSONAL", filters: { status: "nope", date_from: "2026-13-01" }, columns: COLS })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { "filters.status": expect.any(Array), "filters.date_from": expect.any(Array) },
    });
    expect(await db().savedView.count()).toBe(before);
  });

  it("keeps a relative date range relative (\"this week's failed calls\" stays this week)", async () => {
    const v = await createView(A.members.SUPERVISOR, { name: "Failed, last 7 days", visibility: "PERSONAL", filters: { status: "failed", date_preset: "last7", date_from: "2020-01-01" }, columns: COLS });
    expect(v.filters).toEqual({ status: "failed", date_preset: "last7", per_page: 25 });
    const row = await db().savedView.findUniqueOrThrow({ where: { id: v.id } });
    expect(row.filters).toEqual({ status: "failed", date_preset: "last7", per_page: 25 });
    expect(v.parsed?.date_preset).toBe("last7");
    expect(v.parsed?.date_from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("gives the second save on a stale copy a 409 instead of overwriting", async () => {
    const v = await createView(A.members.SUPERVISOR, { name: "Race", visibility: "TEAM", filters: { type: "inbound" }, columns: COLS });
    const first = await updateView(A.members.ADMIN, v.id, { version: v.version, filters: { type: "outbound" } });
    await expect(updateView(A.members.SUPERVISOR, v.id, { version: v.version, filters: { type: "web" } })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await getView(A.members.OWNER, v.id)).filters).toEqual({ type: "outbound", per_page: 25 });
    // Concurrent saves of the same version: exactly one wins.
    const results = await Promise.allSettled([1, 2, 3].map((i) => updateView(A.members.ADMIN, v.id, { version: first.version, name: `Race ${i}` })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason, String(r.reason)).toMatchObject({ code: "CONFLICT" });
  });

  it("resolves the default view: the user's, else the team's, else none; deletion falls back", async () => {
    const t = await makeTeam();
    const sup = t.members.SUPERVISOR;
    expect(await resolveDefaultView(sup)).toBeNull();
    const teamView = await createView(sup, { name: "Team default", visibility: "TEAM", filters: { status: "completed" }, columns: COLS });
    const personal = await createView(t.members.AGENT, { name: "Agent default", visibility: "PERSONAL", filters: { type: "web" }, columns: COLS });
    const personal2 = await createView(sup, { name: "Sup personal", visibility: "PERSONAL", filters: {}, columns: COLS });
    await expect(setTeamDefaultView(sup, personal2.id)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await setTeamDefaultView(sup, teamView.id);
    await setMyDefaultView(t.members.AGENT, personal.id);
    expect((await resolveDefaultView(t.members.AGENT))?.id).toBe(personal.id);
    expect((await resolveDefaultView(t.members.ADMIN))?.id).toBe(teamView.id);
    await deleteView(t.members.AGENT, personal.id);
    expect((await resolveDefaultView(t.members.AGENT))?.id).toBe(teamView.id);
    await deleteView(sup, teamView.id);
    expect(await resolveDefaultView(t.members.AGENT)).toBeNull();
    expect((await listViews(t.members.AGENT)).defaults).toEqual({ user: null, team: null });
  });

  it("never lets team B read, apply or change a view of team A", async () => {
    const v = await createView(A.members.OWNER, { name: "A only", visibility: "TEAM", filters: {}, columns: COLS });
    for (const m of Object.values(B.members)) {
      expect(await code(getView(m, v.id))).toBe("NOT_FOUND");
      expect(await code(updateView(m, v.id, { version: v.version, name: "B" }))).toBe("NOT_FOUND");
      expect(await code(deleteView(m, v.id))).toBe("NOT_FOUND");
      expect(await code(setMyDefaultView(m, v.id))).toBe("NOT_FOUND");
      expect((await listViews(m)).team.some((x) => x.id === v.id)).toBe(false);
    }
    expect(await code(setTeamDefaultView(B.members.OWNER, v.id))).toBe("NOT_FOUND");
  });

  it("opens a view whose filters no longer validate with a clear problem, and lets it be fixed", async () => {
    const v = await createView(A.members.SUPERVISOR, { name: "Old", visibility: "TEAM", filters: {}, columns: COLS });
    await db().savedView.update({ where: { id: v.id }, data: { filters: { status: "archived", assistant_id: "x" } } });
    const broken = await getView(A.members.AGENT, v.id);
    expect(broken.parsed).toBeNull();
    expect(Object.keys(broken.problem ?? {}).sort()).toEqual(["assistant_id", "status"]);
    const fixed = await updateView(A.members.SUPERVISOR, v.id, { version: broken.version, filters: { status: "completed" } });
    expect(fixed.problem).toBeNull();
  });

  it("shares a personal view with the team, audited; team views can't become personal", async () => {
    const v = await createView(A.members.SUPERVISOR, { name: "To share", visibility: "PERSONAL", filters: {}, columns: COLS });
    const shared = await updateView(A.members.SUPERVISOR, v.id, { version: v.version, visibility: "TEAM" });
    expect(shared.visibility).toBe("TEAM");
    await expect(updateView(A.members.SUPERVISOR, v.id, { version: shared.version, visibility: "PERSONAL" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const actions = (await db().auditEvent.findMany({ where: { teamId: A.team.id, targetId: v.id }, select: { action: true } })).map((a) => a.action);
    expect(actions).toContain("view.shared");
  });

  it("audits team views (create, change, delete, default) but not personal ones", async () => {
    const t = await makeTeam();
    const sup = t.members.SUPERVISOR;
    const p = await createView(sup, { name: "P", visibility: "PERSONAL", filters: {}, columns: COLS });
    await updateView(sup, p.id, { version: p.version, name: "P2" });
    const v = await createView(sup, { name: "T", visibility: "TEAM", filters: {}, columns: COLS });
    const v2 = await updateView(sup, v.id, { version: v.version, name: "T2" });
    await setTeamDefaultView(sup, v2.id);
    await deleteView(sup, v.id);
    const events = await db().auditEvent.findMany({ where: { teamId: t.team.id }, orderBy: { createdAt: "asc" }, select: { action: true, targetId: true, actorId: true } });
    expect(events.map((e) => e.action)).toEqual(["view.created", "view.updated", "view.team_default_set", "view.deleted"]);
    expect(events.every((e) => e.actorId === sup.user.id)).toBe(true);
  });

  it("flags an assistant or campaign the directory no longer has, only when the directory speaks for that kind", async () => {
    const t = await makeTeam();
    const sup = t.members.SUPERVISOR;
    const a = await createView(sup, { name: "A", visibility: "TEAM", filters: { assistant_id: 990 }, columns: COLS });
    const c = await createView(sup, { name: "C", visibility: "TEAM", filters: { campaign_id: 7001 }, columns: COLS });
    const assigned = await createView(sup, { name: "Assigned", visibility: "TEAM", filters: { assistant_id: 555 }, columns: COLS });
    const problems = async () => Object.fromEntries((await listViews(t.members.AGENT)).team.map((v) => [v.name, v.problem]));
    // Empty, then only learned entries: nothing flagged.
    expect(await problems()).toEqual({ A: null, C: null, Assigned: null });
    await db().assistant.create({ data: { teamId: t.team.id, externalId: 101, name: "Learned", source: "LEARNED" } });
    await db().campaign.create({ data: { teamId: t.team.id, externalId: 1001, name: "Learned", source: "LEARNED" } });
    expect(await problems()).toEqual({ A: null, C: null, Assigned: null });
    // One synced assistant: assistants are checked (an assigned one counts as present); campaigns still not.
    await db().assistant.create({ data: { teamId: t.team.id, externalId: 102, name: "Synced", source: "SYNC" } });
    await db().agentAssignment.create({ data: { teamId: t.team.id, membershipId: t.members.AGENT.membershipId, assistantId: 555, label: "Five" } });
    expect(await problems()).toEqual({ A: { assistant_id: [expect.stringMatching(/^Assistant #990 is no longer in this team's directory/)] }, C: null, Assigned: null });
    // A campaign entered by hand: campaigns are checked too; the view's assistant back in the directory clears it.
    await db().campaign.create({ data: { teamId: t.team.id, externalId: 1002, name: "Manual", source: "MANUAL" } });
    await db().assistant.create({ data: { teamId: t.team.id, externalId: 990, name: "Back", source: "LEARNED" } });
    expect(await problems()).toEqual({ A: null, C: { campaign_id: [expect.stringMatching(/^Campaign #7001 is no longer in this team's directory/)] }, Assigned: null });
    expect((await getView(sup, c.id)).problem).not.toBeNull();
    expect((await getView(sup, a.id)).parsed).toMatchObject({ assistant_id: 990 });
    expect(assigned.problem).toBeNull();
  });

  it("removing a member (removeMember) keeps their team views, owner shown as a former member, and deletes their personal ones and their default", async () => {
    const t = await makeTeam();
    const sup = t.members.SUPERVISOR;
    const personal = await createView(sup, { name: "Personal", visibility: "PERSONAL", filters: {}, columns: COLS });
    const tv = await createView(sup, { name: "Team", visibility: "TEAM", filters: { status: "failed" }, columns: COLS });
    const other = await createView(t.members.ADMIN, { name: "Admin's own", visibility: "PERSONAL", filters: {}, columns: COLS });
    await setMyDefaultView(sup, personal.id);
    await setMyDefaultView(t.members.ADMIN, other.id);
    await setTeamDefaultView(t.members.ADMIN, tv.id);

    await removeMember({ actor: memberActor(t.members.OWNER), membershipId: sup.membershipId });

    const list = await listViews(t.members.ADMIN);
    expect(list.team.find((v) => v.id === tv.id)?.owner).toEqual({ id: sup.user.id, name: sup.user.name, formerMember: true });
    expect(list.mine.map((v) => v.id)).toEqual([other.id]);
    expect(list.defaults).toEqual({ user: other.id, team: tv.id });
    expect(await db().savedView.findMany({ where: { teamId: t.team.id, ownerId: sup.user.id }, select: { id: true } })).toEqual([{ id: tv.id }]);
    expect(await db().teamMemberPreference.count({ where: { teamId: t.team.id, userId: sup.user.id } })).toBe(0);

    // Added back later: their old default (a deleted personal view) falls back to the team default.
    const back = await rejoin(t, sup);
    expect((await listViews(back)).defaults).toEqual({ user: null, team: tv.id });
    expect((await resolveDefaultView(back))?.id).toBe(tv.id);
  });

  it("leaving a team (leaveTeam) does the same, and without a team default nothing applies", async () => {
    const t = await makeTeam();
    const agent = t.members.AGENT;
    const personal = await createView(agent, { name: "Mine", visibility: "PERSONAL", filters: { type: "inbound" }, columns: COLS });
    const tv = await createView(t.members.SUPERVISOR, { name: "Shared", visibility: "TEAM", filters: {}, columns: COLS });
    await setMyDefaultView(agent, personal.id);
    // The agent's team view from before a role change stays a team view.
    await db().savedView.update({ where: { id: tv.id }, data: { ownerId: agent.user.id } });

    await leaveTeam({ actor: memberActor(agent) });

    expect(await db().savedView.count({ where: { id: personal.id } })).toBe(0);
    const list = await listViews(t.members.OWNER);
    expect(list.team.map((v) => [v.id, v.owner?.formerMember])).toEqual([[tv.id, true]]);
    const back = await rejoin(t, agent);
    expect(await resolveDefaultView(back)).toBeNull();
    expect((await listViews(back)).defaults).toEqual({ user: null, team: null });
  });

});
