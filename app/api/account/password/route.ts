import { z } from "zod";
import { NextResponse } from "next/server";
import { requireUser } from "@/lib/auth/session";
import { clientIp } from "@/lib/auth/throttle";
import { readJson, route } from "@/lib/http/route";
import { changePassword } from "@/lib/users/change-password";
import { reissueSession } from "@/lib/users/reissue-session";

const body = z.object({ currentPassword: z.string().max(1024), newPassword: z.string().max(1024) });

/** Changes the password; every other session ends, this browser gets a fresh session. */
export const POST = route(async (req) => {
  const user = await requireUser();
  const input = await readJson(req, body);
  const { sessionVersion } = await changePassword({ userId: user.id, ...input, clientIp: clientIp(req.headers) });
  const res = NextResponse.json({ ok: true });
  await reissueSession(req, res, user.id, sessionVersion);
  return res;
});
