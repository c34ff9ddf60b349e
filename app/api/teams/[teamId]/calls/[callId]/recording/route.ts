import { parseCallId } from "@/lib/calls/get-call";
import { streamRecording } from "@/lib/calls/recording";
import { teamRoute } from "@/lib/http/team-route";
import { CALL_READ_SCOPES } from "@/lib/rbac";

// GET /api/teams/{teamId}/calls/{callId}/recording: the audio, streamed, with Range support.
export const GET = teamRoute<{ teamId: string; callId: string }>(CALL_READ_SCOPES, async (access, req, { callId }) => {
  return streamRecording(access, parseCallId(callId), req.headers.get("range"), req.signal);
});
