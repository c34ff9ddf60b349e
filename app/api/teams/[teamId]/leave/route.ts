import { NextResponse } from "next/server";
import { requireTeam } from "@/lib/auth/team-access";
import { route } from "@/lib/http/route";
import { leaveTeam } from "@/lib/members/leave-team";
import { memberActor } from "@/lib/teams/team-actor";
import { reissueSession } from "@/lib/users/reissue-session";

/** Leaves the team (any member except the last owner). Other sessions end; this one continues. */
export const POST = route<{ teamId: string }>(async (req, { teamId }) => {
  const access = await requireTeam({ teamId });
  const { sessionVersion } = await leaveTeam({ actor: memberActor(access) });
  const res = NextResponse.json({ ok: true });
  await reissueSession(req, res, access.user.id, sessionVersion);
  return res;
});
