import { requireTeam } from "@/lib/auth/team-access";
import { deleteTeamCall } from "@/lib/calls/delete-call";
import { getTeamCall, parseCallId } from "@/lib/calls/get-call";
import { json, route } from "@/lib/http/route";

// GET /api/teams/{teamId}/calls/{callId} → one call (404 outside the member's scope)
export const GET = route<{ teamId: string; callId: string }>(async (req, { teamId, callId }) => {
  const access = await requireTeam({ teamId }, ["calls:read:all", "calls:read:assigned"]);
  return json(await getTeamCall(access, parseCallId(callId), { signal: req.signal }));
});

// DELETE /api/teams/{teamId}/calls/{callId}: deletes the call and its recording at WhatTalk, for good.
export const DELETE = route<{ teamId: string; callId: string }>(async (_req, { teamId, callId }) => {
  const access = await requireTeam({ teamId }, "calls:delete");
  await deleteTeamCall(access, parseCallId(callId));
  return new Response(null, { status: 204 });
});
