// Small hooks for lib/calls: a call opened in the portal refreshes its row; a call deleted through
// the portal leaves the index. Only for a team whose index was synced with the same key.
import "server-only";
import type { TeamAccess } from "@/lib/auth/team-access";
import { assertTeamScope, type TeamActor } from "@/lib/auth/team-actor";
import { db } from "@/lib/db";
import { CALL_READ_SCOPES } from "@/lib/rbac";
import type { UpstreamCall } from "@/lib/whattalk";
import { removeCalls, upsertCalls } from "./store";
import { retentionWindow } from "./window";

/** Upserts the call's row (within the retention window) when the team's index uses this credential. */
export async function indexOpenedCall(access: TeamAccess, credentialId: string, call: UpstreamCall): Promise<void> {
  const teamId = assertTeamScope(access, CALL_READ_SCOPES);
  const team = await db().team.findUnique({ where: { id: teamId }, select: { timeZone: true, indexRetentionDays: true, callIndexState: { select: { credentialId: true } } } });
  if (!team || team.indexRetentionDays === null || team.callIndexState?.credentialId !== credentialId) return;
  const window = retentionWindow(team.indexRetentionDays, team.timeZone, new Date());
  await upsertCalls(teamId, team.timeZone, [call], { cutoff: window.cutoff });
}

/** Removes a call from the team's index: deleted through the portal, or gone at WhatTalk when a member opened it. */
export async function removeDeletedCall(who: TeamAccess | TeamActor, callId: number): Promise<void> {
  await removeCalls("kind" in who ? who.teamId : assertTeamScope(who, CALL_READ_SCOPES), [callId]);
}
