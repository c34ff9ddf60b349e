import "server-only";
import type { TeamAccess } from "@/lib/auth/team-access";
import { db } from "@/lib/db";
import { forbidden } from "@/lib/errors";
import { logger } from "@/lib/logger";

/** Which calls of the team `teamId` a member may read: all, or only those of their assigned assistants. Built by `callScopeOf(access)`. */
export type CallScope = { teamId: string } & ({ kind: "all" } | { kind: "assigned"; assistants: { id: number; label: string }[] });

/** What a call is attributed to an assistant by. */
export type AttributableCall = { assistant_id?: number | null; assistant_name?: string | null };

export async function callScopeOf(access: TeamAccess): Promise<CallScope> {
  const teamId = access.team.id;
  if (access.can("calls:read:all")) return { teamId, kind: "all" };
  if (!access.can("calls:read:assigned")) throw forbidden("Your role cannot see calls.");
  const rows = await db().agentAssignment.findMany({
    where: { membershipId: access.membershipId, teamId },
    select: { assistantId: true, label: true },
    orderBy: { assistantId: "asc" },
  });
  return { teamId, kind: "assigned", assistants: rows.map((r) => ({ id: r.assistantId, label: r.label })) };
}

const normalName = (name: string) => name.trim().toLowerCase();

/** The assistant names (trimmed, lower case) a call without an assistant id is attributed by, for an agent's scope. */
export async function assignedNames(scope: Extract<CallScope, { kind: "assigned" }>): Promise<string[]> {
  const known = await db().assistant.findMany({ where: { teamId: scope.teamId, externalId: { in: scope.assistants.map((a) => a.id) } }, select: { name: true } });
  return [...new Set([...known.map((k) => k.name), ...scope.assistants.map((a) => a.label)].map(normalName))];
}

/**
 * The call-in-scope rule, ready for `calls`: a call's assistant id decides; when WhatTalk leaves it
 * out, the assistant's name as the team's directory or the assignment labels know it (read once,
 * only when a call needs it). Unknown means no (fail closed).
 */
async function scopeRule(scope: CallScope, calls: readonly AttributableCall[]): Promise<(call: AttributableCall) => boolean> {
  if (scope.kind === "all") return () => true;
  const ids = new Set(scope.assistants.map((a) => a.id));
  let names = new Set<string>();
  if (calls.some((c) => typeof c.assistant_id !== "number" && c.assistant_name)) names = new Set(await assignedNames(scope));
  return (call) => (typeof call.assistant_id === "number" ? ids.has(call.assistant_id) : !!call.assistant_name && names.has(normalName(call.assistant_name)));
}

/** Whether a call belongs to the scope (see scopeRule). */
export async function callInScope(scope: CallScope, call: AttributableCall): Promise<boolean> {
  return (await scopeRule(scope, [call]))(call);
}

/**
 * Every call of a WhatTalk answer re-checked against the member's scope before it leaves the
 * server, whatever WhatTalk's own `assistant_id` filter did: calls outside it, or that cannot be
 * attributed, are dropped, counted, and logged as a warning (team id and counts only).
 */
export async function keepInScope<T extends AttributableCall>(scope: CallScope, calls: readonly T[], answer: string): Promise<{ calls: T[]; dropped: number }> {
  if (scope.kind === "all") return { calls: [...calls], dropped: 0 };
  const teamId = scope.teamId;
  const inScope = await scopeRule(scope, calls);
  const kept = calls.filter(inScope);
  const dropped = calls.length - kept.length;
  if (dropped > 0) logger.warn({ module: "calls", teamId, answer, dropped, checked: calls.length }, "calls outside the member's scope dropped from a WhatTalk answer");
  return { calls: kept, dropped };
}
