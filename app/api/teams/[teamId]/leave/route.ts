import { NextResponse } from "next/server";
import { leaveTeam } from "@/lib/members/leave-team";
import { memberActor } from "@/lib/auth/team-actor";
import { reissueSession } from "@/lib/users/reissue-session";
import { teamRoute } from "@/lib/http/team-route";
import { ANY_MEMBER } from "@/lib/rbac";

/** Leaves the team (any member except the last owner). Other sessions end; this one continues. */
export const POST = teamRoute(ANY_MEMBER, async (access, req) => {
  const { sessionVersion } = await leaveTeam({ actor: memberActor(access) });
  const res = NextResponse.json({ ok: true });
  await reissueSession(req, res, access.user.id, sessionVersion);
  return res;
});
