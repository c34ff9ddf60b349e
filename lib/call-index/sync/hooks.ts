// Small hooks for lib/calls: a call opened in the portal refreshes its row; a call deleted through
// the portal leaves the index. Only for a team whose index was synced with the same key.
import "server-only";
import { db } from "@/lib/db";
import type { UpstreamCall } from "@/lib/whattalk";
import { removeCalls, upsertCalls } from "./store";
import { retentionWindow } from "./window";

/** Upserts the call's row (within the retention window) when the team's index uses this credential. */
export async function indexOpenedCall(teamId: string, credentialId: string, call: UpstreamCall): Promise<void> {
  const team = await db().team.findUnique({ where: { id: teamId }, select: { timeZone: true, indexRetentionDays: true, callIndexState: { select: { credentialId: true } } } });
  if (!team || team.indexRetentionDays === null || team.callIndexState?.credentialId !== credentialId) return;
  const window = retentionWindow(team.indexRetentionDays, team.timeZone, new Date());
  await upsertCalls(teamId, team.timeZone, [call], { cutoff: window.cutoff });
}

/** Removes a call deleted through the portal from the team's index. */
export async function removeDeletedCall(teamId: string, callId: number): Promise<void> {
  await removeCalls(teamId, [callId]);
}
