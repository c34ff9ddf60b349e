import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { parseOrThrow } from "@/lib/validation/parse";
import { lockAndCheck, auditActorOf, type TeamActor } from "@/lib/auth/team-actor";
import { loadTargetMembership } from "@/lib/members/load-target";
import { assignmentsSchema } from "@/lib/assignments/schema";
import type { AssignmentDTO } from "@/lib/assignments/types";

/**
 * Replaces an agent's assigned assistants with `assignments` (assignments:manage). Only agents have
 * assignments: everyone else already sees every call. Records what was added, removed or relabelled.
 */
export async function setAssignments(input: { actor: TeamActor; membershipId: string; assignments: unknown }): Promise<AssignmentDTO[]> {
  const wanted = parseOrThrow(assignmentsSchema, input.assignments);
  const teamId = input.actor.teamId;
  return db().$transaction(async (tx) => {
    await lockAndCheck(tx, input.actor, "assignments:manage");
    const target = await loadTargetMembership(tx, input.actor, input.membershipId);
    if (target.role !== "AGENT") throw new AppError("BAD_REQUEST", "Only agents have assigned assistants: other roles see every call of the team.");
    const current = await tx.agentAssignment.findMany({ where: { membershipId: target.id }, select: { id: true, assistantId: true, label: true } });
    const byId = new Map(current.map((a) => [a.assistantId, a]));
    const wantedIds = new Set(wanted.map((a) => a.assistantId));
    const removed = current.filter((a) => !wantedIds.has(a.assistantId));
    const added = wanted.filter((a) => !byId.has(a.assistantId));
    const relabelled = wanted.filter((a) => byId.has(a.assistantId) && byId.get(a.assistantId)!.label !== a.label);

    if (removed.length) await tx.agentAssignment.deleteMany({ where: { id: { in: removed.map((a) => a.id) } } });
    if (added.length) {
      const createdById = input.actor.kind === "member" ? input.actor.userId : null;
      await tx.agentAssignment.createMany({ data: added.map((a) => ({ teamId, membershipId: target.id, assistantId: a.assistantId, label: a.label, createdById })) });
    }
    for (const a of relabelled) await tx.agentAssignment.update({ where: { id: byId.get(a.assistantId)!.id }, data: { label: a.label } });

    if (removed.length || added.length || relabelled.length) {
      await recordAudit(
        {
          teamId,
          actor: auditActorOf(input.actor),
          action: "assignments.changed",
          target: { type: "user", id: target.userId, label: target.email },
          data: {
            added: added.map((a) => ({ assistantId: a.assistantId, label: a.label })),
            removed: removed.map((a) => ({ assistantId: a.assistantId, label: a.label })),
            relabelled: relabelled.map((a) => ({ assistantId: a.assistantId, from: byId.get(a.assistantId)!.label, to: a.label })),
          },
        },
        tx,
      );
    }
    return [...wanted].sort((a, b) => a.assistantId - b.assistantId);
  });
}
