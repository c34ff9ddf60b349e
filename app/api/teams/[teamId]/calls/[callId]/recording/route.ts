import { requireTeam } from "@/lib/auth/team-access";
import { parseCallId } from "@/lib/calls/get-call";
import { streamRecording } from "@/lib/calls/recording";
import { route } from "@/lib/http/route";

// GET /api/teams/{teamId}/calls/{callId}/recording: the audio, streamed, with Range support.
export const GET = route<{ teamId: string; callId: string }>(async (req, { teamId, callId }) => {
  const access = await requireTeam({ teamId }, ["calls:read:all", "calls:read:assigned"]);
  return streamRecording(access, parseCallId(callId), req.headers.get("range"), req.signal);
});
