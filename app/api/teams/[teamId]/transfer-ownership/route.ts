import { z } from "zod";
import { NextResponse } from "next/server";
import { requireTeam } from "@/lib/auth/team-access";
import { readJson, route } from "@/lib/http/route";
import { transferOwnership } from "@/lib/members/transfer-ownership";
import { memberActor } from "@/lib/teams/team-actor";
import { reissueSession } from "@/lib/users/reissue-session";

/** Makes another member the owner; the caller becomes an admin: { membershipId } (ownership:transfer). */
export const POST = route<{ teamId: string }>(async (req, { teamId }) => {
  const access = await requireTeam({ teamId }, "ownership:transfer");
  const { membershipId } = await readJson(req, z.object({ membershipId: z.string().min(1, "Choose a member.").max(64) }));
  const { sessionVersion } = await transferOwnership({ actor: memberActor(access), membershipId });
  const res = NextResponse.json({ ok: true });
  if (sessionVersion !== null) await reissueSession(req, res, access.user.id, sessionVersion);
  return res;
});
