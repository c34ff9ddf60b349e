import "server-only";
import { db } from "@/lib/db";
import { forbidden } from "@/lib/errors";
import type { TeamAccess } from "@/lib/auth/team-access";

/** Which calls a member may read: all of the team's, or only those of their assigned assistants. */
export type CallScope = { kind: "all" } | { kind: "assigned"; assistants: { id: number; label: string }[] };

export async function callScopeOf(access: TeamAccess): Promise<CallScope> {
  if (access.can("calls:read:all")) return { kind: "all" };
  if (!access.can("calls:read:assigned")) throw forbidden("Your role cannot see calls.");
  const rows = await db().agentAssignment.findMany({
    where: { membershipId: access.membershipId, teamId: access.team.id },
    select: { assistantId: true, label: true },
    orderBy: { assistantId: "asc" },
  });
  return { kind: "assigned", assistants: rows.map((r) => ({ id: r.assistantId, label: r.label })) };
}

/**
 * Whether a call belongs to the scope. Uses the call's assistant id; when WhatTalk leaves it out,
 * falls back to the assistant's name as the team's directory or the assignment labels know it.
 * Unknown means no (fail closed).
 */
export async function callInScope(scope: CallScope, teamId: string, call: { assistant_id?: number | null; assistant_name?: string | null }): Promise<boolean> {
  if (scope.kind === "all") return true;
  const ids = new Set(scope.assistants.map((a) => a.id));
  if (typeof call.assistant_id === "number") return ids.has(call.assistant_id);
  if (!call.assistant_name) return false;
  const known = await db().assistant.findMany({ where: { teamId, externalId: { in: [...ids] } }, select: { name: true } });
  const names = new Set([...known.map((k) => k.name), ...scope.assistants.map((a) => a.label)].map((n) => n.trim().toLowerCase()));
  return names.has(call.assistant_name.trim().toLowerCase());
}
