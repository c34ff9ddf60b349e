import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listAgentAssignments } from "@/lib/assignments/list-agent-assignments";
import { listAssignedAssistantIds } from "@/lib/assignments/list-assigned-assistant-ids";
import { listAssignments } from "@/lib/assignments/list-assignments";
import { listAssistantSuggestions } from "@/lib/assignments/list-assistant-suggestions";
import { setAssignments } from "@/lib/assignments/set-assignments";
import { rejects, team } from "./accounts-fixtures";
import { operatorActor } from "@/lib/auth/team-actor";

describe("agent assignments", () => {
  it("lets a supervisor assign assistants to an agent, and the calls feature read their ids", async () => {
    const { by, team: t } = await team();
    const agent = by("AGENT");
    const result = await setAssignments({
      actor: by("SUPERVISOR").actor,
      membershipId: agent.membershipId,
      assignments: [
        { assistantId: 102, label: "  Müşteri Hizmetleri (Gelen) " },
        { assistantId: "101", label: "Satış Asistanı – Ayşe" },
      ],
    });
    expect(result).toEqual([
      { assistantId: 101, label: "Satış Asistanı – Ayşe" },
      { assistantId: 102, label: "Müşteri Hizmetleri (Gelen)" },
    ]);
    expect(await listAssignedAssistantIds(operatorActor(t.id), agent.membershipId)).toEqual([101, 102]);
    expect((await listAssignments(operatorActor(t.id), agent.membershipId)).assignments).toEqual(result);
    expect(await listAgentAssignments(operatorActor(t.id))).toEqual([{ membershipId: agent.membershipId, userId: agent.userId, name: expect.any(String), email: agent.email, assignments: result }]);
  });

  it("replaces the whole list and records what changed", async () => {
    const { by, team: t } = await team();
    const m = by("AGENT").membershipId;
    await setAssignments({ actor: by("ADMIN").actor, membershipId: m, assignments: [{ assistantId: 101, label: "A" }, { assistantId: 102, label: "B" }] });
    await setAssignments({ actor: by("OWNER").actor, membershipId: m, assignments: [{ assistantId: 102, label: "B2" }, { assistantId: 103, label: "C" }] });
    expect(await listAssignedAssistantIds(operatorActor(t.id), m)).toEqual([102, 103]);
    const events = await db().auditEvent.findMany({ where: { teamId: t.id, action: "assignments.changed" }, orderBy: { createdAt: "asc" } });
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({
      targetType: "user",
      targetId: by("AGENT").userId,
      data: { added: [{ assistantId: 103, label: "C" }], removed: [{ assistantId: 101, label: "A" }], relabelled: [{ assistantId: 102, from: "B", to: "B2" }] },
    });
    await setAssignments({ actor: by("OWNER").actor, membershipId: m, assignments: [{ assistantId: 103, label: "C" }, { assistantId: 102, label: "B2" }] });
    expect(await db().auditEvent.count({ where: { teamId: t.id, action: "assignments.changed" } })).toBe(2);
  });

  it("is refused to agents, and for members who are not agents", async () => {
    const { by } = await team(["OWNER", "SUPERVISOR", "AGENT", "AGENT"]);
    await rejects(setAssignments({ actor: by("AGENT").actor, membershipId: by("AGENT").membershipId, assignments: [{ assistantId: 1, label: "x" }] }), 403);
    await rejects(setAssignments({ actor: by("AGENT").actor, membershipId: by("AGENT", 1).membershipId, assignments: [] }), 403);
    const e = await rejects(setAssignments({ actor: by("OWNER").actor, membershipId: by("SUPERVISOR").membershipId, assignments: [{ assistantId: 1, label: "x" }] }), 400);
    expect(e.message).toMatch(/Only agents/);
  });

  it("validates ids, labels and duplicates", async () => {
    const { by } = await team();
    const put = (assignments: unknown) => setAssignments({ actor: by("OWNER").actor, membershipId: by("AGENT").membershipId, assignments });
    for (const bad of [[{ assistantId: 0, label: "x" }], [{ assistantId: 1.5, label: "x" }], [{ assistantId: "abc", label: "x" }], [{ assistantId: 1, label: "  " }], "nope"]) {
      await rejects(put(bad), 400);
    }
    const dup = await rejects(put([{ assistantId: 5, label: "a" }, { assistantId: 5, label: "b" }]), 400);
    expect((dup as unknown as { fieldErrors: Record<string, string[]> }).fieldErrors["1.assistantId"]).toEqual(["Assistant 5 is listed twice."]);
  });

  it("never crosses teams", async () => {
    const a = await team();
    const b = await team();
    await rejects(setAssignments({ actor: a.by("OWNER").actor, membershipId: b.by("AGENT").membershipId, assignments: [] }), 404);
    await rejects(listAssignments(operatorActor(a.team.id), b.by("AGENT").membershipId), 404);
    await setAssignments({ actor: b.by("OWNER").actor, membershipId: b.by("AGENT").membershipId, assignments: [{ assistantId: 9, label: "x" }] });
    expect(await listAssignedAssistantIds(operatorActor(a.team.id), b.by("AGENT").membershipId)).toEqual([]);
  });

  it("suggests the team's known assistants only", async () => {
    const a = await team(["OWNER"]);
    const b = await team(["OWNER"]);
    await db().assistant.create({ data: { teamId: a.team.id, externalId: 101, name: "Satış", source: "SYNC" } });
    await db().assistant.create({ data: { teamId: b.team.id, externalId: 201, name: "Other", source: "SYNC" } });
    expect(await listAssistantSuggestions(operatorActor(a.team.id))).toEqual([{ assistantId: 101, name: "Satış" }]);
  });
});
