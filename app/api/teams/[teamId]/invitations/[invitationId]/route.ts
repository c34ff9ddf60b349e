import { json } from "@/lib/http/route";
import { revokeInvitation } from "@/lib/invitations/revoke-invitation";
import { memberActor } from "@/lib/auth/team-actor";
import { teamRoute } from "@/lib/http/team-route";

/** Revokes an invitation (members:manage). */
export const DELETE = teamRoute<{ teamId: string; invitationId: string }>("members:manage", async (access, _req, { invitationId }) => {
  await revokeInvitation({ actor: memberActor(access), invitationId });
  return json({ ok: true });
});
