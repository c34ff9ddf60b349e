import { requireTeam } from "@/lib/auth/team-access";
import { json, route } from "@/lib/http/route";
import { revokeInvitation } from "@/lib/invitations/revoke-invitation";
import { memberActor } from "@/lib/teams/team-actor";

/** Revokes an invitation (members:manage). */
export const DELETE = route<{ teamId: string; invitationId: string }>(async (_req, { teamId, invitationId }) => {
  const access = await requireTeam({ teamId }, "members:manage");
  await revokeInvitation({ actor: memberActor(access), invitationId });
  return json({ ok: true });
});
