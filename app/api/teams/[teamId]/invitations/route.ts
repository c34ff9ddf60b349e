import { z } from "zod";
import { env } from "@/lib/env";
import { json, readJson } from "@/lib/http/route";
import { createInvitation } from "@/lib/invitations/create-invitation";
import { listInvitations } from "@/lib/invitations/list-invitations";
import { memberActor } from "@/lib/auth/team-actor";
import { teamRoute } from "@/lib/http/team-route";

type Params = { teamId: string };

/** Open invitations of the team (members:manage). */
export const GET = teamRoute<Params>("members:manage", async (access) => {
  return json({ invitations: await listInvitations(access) });
});

/** Invites { email, role }; the answer carries the single-use link, shown this once. */
export const POST = teamRoute<Params>("members:manage", async (access, req) => {
  const input = await readJson(req, z.object({ email: z.string().max(400), role: z.string().max(20) }));
  const created = await createInvitation({ actor: memberActor(access), ...input });
  // Built from NEXTAUTH_URL (required in production), never from the request's Host header, which a
  // client or a misconfigured proxy can set to anything. The fallback serves `next dev` without it.
  const url = new URL(created.path, env().NEXTAUTH_URL ?? req.nextUrl.origin).toString();
  return json({ invitation: created.invitation, path: created.path, url }, { status: 201 });
});
