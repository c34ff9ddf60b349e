import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { lockAndCheck, auditActorOf, type TeamActor } from "@/lib/auth/team-actor";
import { invalidateTeam } from "@/lib/whattalk";

/** Removes the team's API key (credentials:manage). The audit log keeps its label and last 4 characters. */
export async function removeCredential(input: { actor: TeamActor }): Promise<{ removed: { id: string; label: string; last4: string } }> {
  const teamId = input.actor.teamId;
  const removed = await db().$transaction(async (tx) => {
    await lockAndCheck(tx, input.actor, "credentials:manage");
    const row = await tx.apiCredential.findUnique({ where: { teamId }, select: { id: true, label: true, last4: true } });
    if (!row) throw new AppError("NOT_FOUND", "This team has no WhatTalk API key.");
    await tx.apiCredential.delete({ where: { id: row.id } });
    await recordAudit(
      { teamId, actor: auditActorOf(input.actor), action: "credential.removed", target: { type: "credential", id: row.id, label: row.label }, data: { label: row.label, last4: row.last4 } },
      tx,
    );
    return row;
  });
  await invalidateTeam(input.actor).catch(() => {});
  return { removed };
}
