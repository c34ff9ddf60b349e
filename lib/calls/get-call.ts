import "server-only";
import type { TeamAccess } from "@/lib/auth/team-access";
import { scheduleAfterResponse } from "@/lib/after-response";
import { indexOpenedCall, removeDeletedCall } from "@/lib/call-index/sync";
import { whatTalkContextForTeam } from "@/lib/credentials/context";
import { notFound } from "@/lib/errors";
import { getCall as upstreamGetCall, isWhatTalkError, type UpstreamCall } from "@/lib/whattalk";
import { toCallDetailDTO, type CallDetailDTO } from "./dto";
import { callInScope, callScopeOf } from "./scope";

/** Parses a call id from a path segment; anything else is simply "not found". */
export function parseCallId(raw: string): number {
  if (!/^\d{1,10}$/.test(raw)) throw notFound("Call not found.");
  const id = Number(raw);
  if (id < 1 || id > 2_147_483_647) throw notFound("Call not found.");
  return id;
}

/** The upstream call, if the member may see it: another team's call or one outside an agent's assistants is 404. */
export async function loadCallInScope(access: TeamAccess, callId: number, opts: { signal?: AbortSignal } = {}): Promise<UpstreamCall> {
  const scope = await callScopeOf(access);
  if (scope.kind === "assigned" && scope.assistants.length === 0) throw notFound("Call not found.");
  const ctx = await whatTalkContextForTeam(access);
  let call: UpstreamCall;
  try {
    call = (await upstreamGetCall(ctx, callId, opts)).data;
  } catch (error) {
    if (isWhatTalkError(error, "not_found")) {
      // Gone at WhatTalk (or never this account's): not in this team's index either.
      scheduleAfterResponse("removing the call from the index", () => removeDeletedCall(access, callId), { module: "call-index" });
      throw notFound("Call not found.");
    }
    throw error;
  }
  if (!(await callInScope(scope, call))) throw notFound("Call not found.");
  const { teamId, credentialId } = ctx;
  scheduleAfterResponse("refreshing the call's index row", () => indexOpenedCall(access, credentialId, call), { module: "call-index", teamId });
  return call;
}

export async function getTeamCall(access: TeamAccess, callId: number, opts: { signal?: AbortSignal } = {}): Promise<CallDetailDTO> {
  const call = await loadCallInScope(access, callId, opts);
  return toCallDetailDTO(call, { timeZone: access.team.timeZone, costs: access.can("calls:costs") });
}
