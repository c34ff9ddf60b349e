import "server-only";
import { scheduleAfterResponse } from "@/lib/after-response";
import { recordAudit } from "@/lib/audit/record";
import { removeDeletedCall } from "@/lib/call-index/sync";
import type { TeamAccess } from "@/lib/auth/team-access";
import { whatTalkContextForTeam } from "@/lib/credentials/context";
import { notFound } from "@/lib/errors";
import { deleteCall, isWhatTalkError } from "@/lib/whattalk";

/** Deletes a call (and its recording) at WhatTalk for good. Needs `calls:delete`; audited. */
export async function deleteTeamCall(access: TeamAccess, callId: number): Promise<void> {
  const ctx = await whatTalkContextForTeam(access);
  try {
    await deleteCall(ctx, callId);
  } catch (error) {
    if (isWhatTalkError(error, "not_found")) {
      scheduleAfterResponse("removing the call from the index", () => removeDeletedCall(access, callId), { module: "call-index" });
      throw notFound("Call not found.");
    }
    throw error;
  }
  // At once, not after the response: a search right after the delete must not list the call.
  await removeDeletedCall(access, callId);
  await recordAudit({ teamId: access.team.id, actor: access.user, action: "call.deleted", target: { type: "call", id: String(callId), label: `Call ${callId}` } });
}
