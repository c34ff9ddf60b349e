import { deleteTeamCall } from "@/lib/calls/delete-call";
import { getTeamCall, parseCallId } from "@/lib/calls/get-call";
import { json } from "@/lib/http/route";
import { teamRoute } from "@/lib/http/team-route";
import { CALL_READ_SCOPES } from "@/lib/rbac";

// GET /api/teams/{teamId}/calls/{callId} → one call (404 outside the member's scope)
export const GET = teamRoute<{ teamId: string; callId: string }>(CALL_READ_SCOPES, async (access, req, { callId }) => {
  return json(await getTeamCall(access, parseCallId(callId), { signal: req.signal }));
});

// DELETE /api/teams/{teamId}/calls/{callId}: deletes the call and its recording at WhatTalk, for good.
export const DELETE = teamRoute<{ teamId: string; callId: string }>("calls:delete", async (access, _req, { callId }) => {
  await deleteTeamCall(access, parseCallId(callId));
  return new Response(null, { status: 204 });
});
