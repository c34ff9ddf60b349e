import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { setAssignments } from "@/lib/assignments/set-assignments";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { leaveTeam } from "@/lib/members/leave-team";
import { listMembers } from "@/lib/members/list-members";
import { removeMember } from "@/lib/members/remove-member";
import { transferOwnership } from "@/lib/members/transfer-ownership";
import { addMember } from "@/lib/members/add-member";
import { operatorActor } from "@/lib/auth/team-actor";
import { asMember, rejects, roleOf, sessionVersion, team, user } from "./accounts-fixtures";

describe("changing roles", () => {
  it("lets an admin move supervisors and agents, and ends the member's sessions", async () => {
    const { by } = await team();
    const agent = by("AGENT");
    const before = await sessionVersion(agent.userId);
    const r = await changeMemberRole({ actor: by("ADMIN").actor, membershipId: agent.membershipId, role: "SUPERVISOR" });
    expect(r).toMatchObject({ role: "SUPERVISOR", changed: true, email: agent.email });
    expect(await roleOf(agent.membershipId)).toBe("SUPERVISOR");
    expect(await sessionVersion(agent.userId)).toBe(before + 1);
  });

  it("changes nothing (and ends no session) when the role is the same", async () => {
    const { by } = await team();
    const sv = await sessionVersion(by("AGENT").userId);
    const r = await changeMemberRole({ actor: by("ADMIN").actor, membershipId: by("AGENT").membershipId, role: "AGENT" });
    expect(r.changed).toBe(false);
    expect(await sessionVersion(by("AGENT").userId)).toBe(sv);
  });

  it("refuses an admin granting owner or admin, or touching an admin or owner", async () => {
    const { by, members } = await team(["OWNER", "ADMIN", "ADMIN", "AGENT"]);
    const admin = by("ADMIN");
    await rejects(changeMemberRole({ actor: admin.actor, membershipId: by("AGENT").membershipId, role: "OWNER" }), 403);
    await rejects(changeMemberRole({ actor: admin.actor, membershipId: by("AGENT").membershipId, role: "ADMIN" }), 403);
    await rejects(changeMemberRole({ actor: admin.actor, membershipId: by("ADMIN", 1).membershipId, role: "AGENT" }), 403);
    await rejects(changeMemberRole({ actor: admin.actor, membershipId: by("OWNER").membershipId, role: "AGENT" }), 403);
    expect((await listMembers(operatorActor(members[0].actor.teamId))).map((m) => m.role).sort()).toEqual(["ADMIN", "ADMIN", "AGENT", "OWNER"]);
  });

  it("refuses anyone changing their own role", async () => {
    const { by } = await team(["OWNER", "OWNER", "ADMIN"]);
    const e = await rejects(changeMemberRole({ actor: by("OWNER").actor, membershipId: by("OWNER").membershipId, role: "ADMIN" }), 403);
    expect(e.message).toMatch(/own role/);
    await rejects(changeMemberRole({ actor: by("ADMIN").actor, membershipId: by("ADMIN").membershipId, role: "SUPERVISOR" }), 403);
    expect(await roleOf(by("OWNER").membershipId)).toBe("OWNER");
  });

  it("refuses supervisors and agents outright", async () => {
    const { by } = await team();
    await rejects(changeMemberRole({ actor: by("SUPERVISOR").actor, membershipId: by("AGENT").membershipId, role: "SUPERVISOR" }), 403);
    await rejects(changeMemberRole({ actor: by("AGENT").actor, membershipId: by("AGENT").membershipId, role: "OWNER" }), 403);
  });

  it("lets an owner demote another owner, but never the last one (not even the CLI)", async () => {
    const { by, team: t } = await team(["OWNER", "OWNER"]);
    await changeMemberRole({ actor: by("OWNER").actor, membershipId: by("OWNER", 1).membershipId, role: "ADMIN" });
    await rejects(changeMemberRole({ actor: operatorActor(t.id), membershipId: by("OWNER").membershipId, role: "ADMIN" }), 409);
    expect(await roleOf(by("OWNER").membershipId)).toBe("OWNER");
  });

  it("gives 404 for a membership of another team", async () => {
    const a = await team();
    const b = await team();
    await rejects(changeMemberRole({ actor: a.by("OWNER").actor, membershipId: b.by("AGENT").membershipId, role: "SUPERVISOR" }), 404);
    expect(await roleOf(b.by("AGENT").membershipId)).toBe("AGENT");
  });

  it("re-reads the actor's role: a demoted admin's stale actor can no longer act", async () => {
    const { by } = await team();
    const admin = by("ADMIN");
    await changeMemberRole({ actor: by("OWNER").actor, membershipId: admin.membershipId, role: "AGENT" });
    await rejects(changeMemberRole({ actor: admin.actor, membershipId: by("SUPERVISOR").membershipId, role: "AGENT" }), 403);
  });

  it("keeps one owner when two owners demote each other at the same moment", async () => {
    // Many pairs at once, so that on a real PostgreSQL the two transactions of a pair interleave.
    const pairs = await Promise.all(Array.from({ length: 12 }, () => team(["OWNER", "OWNER"])));
    await Promise.all(
      pairs.map(async ({ by }) => {
        const [a, b] = [by("OWNER"), by("OWNER", 1)];
        const results = await Promise.allSettled([
          changeMemberRole({ actor: a.actor, membershipId: b.membershipId, role: "ADMIN" }),
          changeMemberRole({ actor: b.actor, membershipId: a.membershipId, role: "ADMIN" }),
        ]);
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        expect([await roleOf(a.membershipId), await roleOf(b.membershipId)].sort()).toEqual(["ADMIN", "OWNER"]);
      }),
    );
  });

  it("waits for another transaction holding the team lock before deciding", async () => {
    const { by, team: t } = await team(["OWNER", "AGENT"]);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = db().$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM "Team" WHERE id = ${t.id} FOR UPDATE`;
        locked();
        await held;
        await tx.membership.update({ where: { id: by("AGENT").membershipId }, data: { role: "SUPERVISOR" } });
      },
      { timeout: 20_000 },
    );
    await isLocked;
    let done = false;
    const change = changeMemberRole({ actor: by("OWNER").actor, membershipId: by("AGENT").membershipId, role: "ADMIN" }).finally(() => (done = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(done).toBe(false);
    release();
    await holder;
    const r = await change;
    // It decided on the role as committed by the holder (SUPERVISOR), not the stale AGENT.
    expect(r.role).toBe("ADMIN");
    const events = await db().auditEvent.findMany({ where: { teamId: t.id, action: "member.role_changed" }, select: { data: true } });
    expect(events.map((e) => e.data)).toEqual([{ from: "SUPERVISOR", to: "ADMIN" }]);
  });

  it("clears an agent's assignments when they stop being an agent", async () => {
    const { by } = await team();
    await setAssignments({ actor: by("SUPERVISOR").actor, membershipId: by("AGENT").membershipId, assignments: [{ assistantId: 101, label: "Sales" }] });
    await changeMemberRole({ actor: by("ADMIN").actor, membershipId: by("AGENT").membershipId, role: "SUPERVISOR" });
    expect(await db().agentAssignment.count({ where: { membershipId: by("AGENT").membershipId } })).toBe(0);
  });
});

describe("removing and leaving", () => {
  it("removes a member, their assignments and personal views, and ends their sessions", async () => {
    const { by, team: t } = await team();
    const agent = by("AGENT");
    await setAssignments({ actor: by("SUPERVISOR").actor, membershipId: agent.membershipId, assignments: [{ assistantId: 101, label: "Sales" }] });
    await db().savedView.create({
      data: { teamId: t.id, ownerId: agent.userId, name: "Mine", nameKey: "mine", scopeKey: agent.userId, visibility: "PERSONAL", filters: {}, schemaVersion: 1, columns: [] },
    });
    await db().savedView.create({
      data: { teamId: t.id, ownerId: agent.userId, name: "Shared", nameKey: "shared", scopeKey: "team", visibility: "TEAM", filters: {}, schemaVersion: 1, columns: [] },
    });
    const sv = await sessionVersion(agent.userId);
    await removeMember({ actor: by("ADMIN").actor, membershipId: agent.membershipId });
    expect(await roleOf(agent.membershipId)).toBeNull();
    expect(await db().agentAssignment.count({ where: { teamId: t.id } })).toBe(0);
    expect((await db().savedView.findMany({ where: { teamId: t.id }, select: { name: true } })).map((v) => v.name)).toEqual(["Shared"]);
    expect(await sessionVersion(agent.userId)).toBe(sv + 1);
  });

  it("refuses an admin removing an owner or admin, and anyone removing themselves", async () => {
    const { by } = await team(["OWNER", "ADMIN", "ADMIN"]);
    await rejects(removeMember({ actor: by("ADMIN").actor, membershipId: by("OWNER").membershipId }), 403);
    await rejects(removeMember({ actor: by("ADMIN").actor, membershipId: by("ADMIN", 1).membershipId }), 403);
    await rejects(removeMember({ actor: by("OWNER").actor, membershipId: by("OWNER").membershipId }), 400);
    await rejects(removeMember({ actor: by("SUPERVISOR")?.actor ?? by("ADMIN").actor, membershipId: by("OWNER").membershipId }), 403);
  });

  it("lets a member leave, but not the last owner", async () => {
    const { by, team: t } = await team(["OWNER", "AGENT"]);
    const e = await rejects(leaveTeam({ actor: by("OWNER").actor }), 409);
    expect(e.message).toMatch(/last owner/);
    const sv = await sessionVersion(by("AGENT").userId);
    const r = await leaveTeam({ actor: by("AGENT").actor });
    expect(r.sessionVersion).toBe(sv + 1);
    expect(await db().membership.count({ where: { teamId: t.id } })).toBe(1);
  });

  it("lets an owner leave once there is another owner", async () => {
    const { by, team: t } = await team(["OWNER", "OWNER"]);
    await leaveTeam({ actor: by("OWNER").actor });
    expect((await listMembers(operatorActor(t.id))).map((m) => m.email)).toEqual([by("OWNER", 1).email]);
  });
});

describe("transferring ownership", () => {
  it("makes the member an owner and the owner an admin, ending both users' sessions", async () => {
    const { by } = await team(["OWNER", "SUPERVISOR"]);
    const [owner, sup] = [by("OWNER"), by("SUPERVISOR")];
    const [svO, svS] = [await sessionVersion(owner.userId), await sessionVersion(sup.userId)];
    const r = await transferOwnership({ actor: owner.actor, membershipId: sup.membershipId });
    expect(await roleOf(sup.membershipId)).toBe("OWNER");
    expect(await roleOf(owner.membershipId)).toBe("ADMIN");
    expect(r.sessionVersion).toBe(svO + 1);
    expect(await sessionVersion(sup.userId)).toBe(svS + 1);
  });

  it("is for owners only, to another member who is not an owner yet", async () => {
    const { by } = await team(["OWNER", "OWNER", "ADMIN"]);
    await rejects(transferOwnership({ actor: by("ADMIN").actor, membershipId: by("ADMIN").membershipId }), 403);
    await rejects(transferOwnership({ actor: by("OWNER").actor, membershipId: by("OWNER").membershipId }), 400);
    await rejects(transferOwnership({ actor: by("OWNER").actor, membershipId: by("OWNER", 1).membershipId }), 409);
  });
});

describe("adding members directly (CLI)", () => {
  it("adds an existing user once", async () => {
    const { team: t } = await team(["OWNER"]);
    const u = await user();
    const m = await addMember({ actor: operatorActor(t.id), userId: u.id, role: "SUPERVISOR" });
    expect(m).toMatchObject({ email: u.email, role: "SUPERVISOR" });
    await rejects(addMember({ actor: operatorActor(t.id), userId: u.id, role: "AGENT" }), 409);
    expect((await asMember(t.id, u.id)).role).toBe("SUPERVISOR");
  });
});
