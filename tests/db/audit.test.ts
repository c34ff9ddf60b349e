import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listAuditActions, listAuditEvents } from "@/lib/audit/list-audit-events";
import { setAssignments } from "@/lib/assignments/set-assignments";
import { acceptInvitation } from "@/lib/invitations/accept-invitation";
import { createInvitation } from "@/lib/invitations/create-invitation";
import { revokeInvitation } from "@/lib/invitations/revoke-invitation";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { leaveTeam } from "@/lib/members/leave-team";
import { removeMember } from "@/lib/members/remove-member";
import { transferOwnership } from "@/lib/members/transfer-ownership";
import { updateTeamSettings } from "@/lib/teams/update-team-settings";
import { team, uniq, user } from "./accounts-fixtures";
import { operatorActor } from "@/lib/auth/team-actor";

describe("the audit log", () => {
  it("records every accounts action: who did what to whom, and never a token or password", async () => {
    const { by, team: t } = await team(["OWNER", "ADMIN", "SUPERVISOR", "AGENT", "AGENT"]);
    const [owner, admin, sup, agent, agent2] = [by("OWNER"), by("ADMIN"), by("SUPERVISOR"), by("AGENT"), by("AGENT", 1)];
    const address = `${uniq("joiner")}@example.test`;
    const inv = await createInvitation({ actor: admin.actor, email: address, role: "AGENT" });
    const revoked = await createInvitation({ actor: admin.actor, email: `${uniq("r")}@example.test`, role: "AGENT" });
    await revokeInvitation({ actor: admin.actor, invitationId: revoked.invitation.id });
    const joiner = await user(address.split("@")[0]);
    await acceptInvitation({ token: inv.token, user: joiner });
    await changeMemberRole({ actor: admin.actor, membershipId: agent2.membershipId, role: "SUPERVISOR" });
    await setAssignments({ actor: sup.actor, membershipId: agent.membershipId, assignments: [{ assistantId: 101, label: "Sales" }] });
    await updateTeamSettings({ actor: admin.actor, changes: { timeZone: "Europe/Berlin" } });
    await removeMember({ actor: admin.actor, membershipId: agent.membershipId });
    await leaveTeam({ actor: agent2.actor });
    await transferOwnership({ actor: owner.actor, membershipId: sup.membershipId });

    const rows = await db().auditEvent.findMany({ where: { teamId: t.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    const summary = rows.map((r) => [r.action, r.actorLabel, r.targetLabel]);
    expect(summary).toEqual([
      ["team.created", owner.email, t.name],
      ["member.joined", "operator:cli", admin.email],
      ["member.joined", "operator:cli", sup.email],
      ["member.joined", "operator:cli", agent.email],
      ["member.joined", "operator:cli", agent2.email],
      ["member.invited", admin.email, address],
      ["member.invited", admin.email, revoked.invitation.email],
      ["member.invitation_revoked", admin.email, revoked.invitation.email],
      ["member.joined", joiner.email, joiner.email],
      ["member.role_changed", admin.email, agent2.email],
      ["assignments.changed", sup.email, agent.email],
      ["team.settings_changed", admin.email, t.name],
      ["member.removed", admin.email, agent.email],
      ["member.left", agent2.email, agent2.email],
      ["ownership.transferred", owner.email, sup.email],
    ]);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(inv.token);
    expect(text).not.toContain(revoked.token);
    expect(text).not.toMatch(/argon2|passwordHash|tokenHash/);
  });

  it("filters by action and by member (as actor or subject), newest first, paginated", async () => {
    const { by, team: t } = await team(["OWNER", "ADMIN", "AGENT", "AGENT"]);
    const [admin, a1, a2] = [by("ADMIN"), by("AGENT"), by("AGENT", 1)];
    for (let i = 0; i < 7; i++) {
      await setAssignments({ actor: admin.actor, membershipId: (i % 2 ? a2 : a1).membershipId, assignments: [{ assistantId: 100 + i, label: `L${i}` }] });
    }
    const all = await listAuditEvents(operatorActor(t.id), { pageSize: 5 });
    expect(all.total).toBe(4 + 7);
    expect(all.pageCount).toBe(3);
    expect(all.events).toHaveLength(5);
    const times = all.events.map((e) => e.createdAt);
    expect([...times].sort().reverse()).toEqual(times);

    const byAction = await listAuditEvents(operatorActor(t.id), { action: "assignments.changed", pageSize: 3, page: 3 });
    expect(byAction).toMatchObject({ total: 7, page: 3, pageCount: 3 });
    expect(byAction.events).toHaveLength(1);
    expect(byAction.events[0].data).toMatchObject({ added: [{ assistantId: 100, label: "L0" }] });

    const aboutA2 = await listAuditEvents(operatorActor(t.id), { member: a2.userId });
    expect(aboutA2.events.map((e) => e.action).sort()).toEqual(["assignments.changed", "assignments.changed", "assignments.changed", "member.joined"]);
    const byAdmin = await listAuditEvents(operatorActor(t.id), { member: admin.userId, action: "assignments.changed" });
    expect(byAdmin.total).toBe(7);

    expect(await listAuditActions(operatorActor(t.id))).toEqual(["assignments.changed", "member.joined", "team.created"]);
    const other = await team(["OWNER"]);
    expect((await listAuditEvents(operatorActor(other.team.id))).events.map((e) => e.action)).toEqual(["team.created"]);
  });

  it("falls back to the first page for nonsense paging, and rejects malformed filters", async () => {
    const { team: t } = await team(["OWNER"]);
    expect((await listAuditEvents(operatorActor(t.id), { page: "-4", pageSize: "9999" })).page).toBe(1);
    await expect(listAuditEvents(operatorActor(t.id), { action: "DROP TABLE" })).rejects.toMatchObject({ status: 400 });
  });
});
