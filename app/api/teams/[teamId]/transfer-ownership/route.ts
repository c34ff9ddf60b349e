import { z } from "zod";
import { NextResponse } from "next/server";
import { readJson } from "@/lib/http/route";
import { transferOwnership } from "@/lib/members/transfer-ownership";
import { memberActor } from "@/lib/auth/team-actor";
import { reissueSession } from "@/lib/users/reissue-session";
import { teamRoute } from "@/lib/http/team-route";

/** Makes another member the owner; the caller becomes an admin: { membershipId } (ownership:transfer). */
export const POST = teamRoute("ownership:transfer", async (access, req) => {
  const { membershipId } = await readJson(req, z.object({ membershipId: z.string().min(1, "Choose a member.").max(64) }));
  const { sessionVersion } = await transferOwnership({ actor: memberActor(access), membershipId });
  const res = NextResponse.json({ ok: true });
  if (sessionVersion !== null) await reissueSession(req, res, access.user.id, sessionVersion);
  return res;
});
