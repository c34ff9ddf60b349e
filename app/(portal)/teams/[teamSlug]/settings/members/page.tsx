import type { Metadata } from "next";
import { InvitationsList } from "@/components/settings/invitations-list";
import { InviteForm } from "@/components/settings/invite-form";
import { MembersTable } from "@/components/settings/members-table";
import { TransferOwnership } from "@/components/settings/transfer-ownership";
import { SectionCard } from "@/components/settings/section-card";
import { PAGE_SCOPES } from "@/lib/http/page-scopes";
import { teamPage } from "@/lib/http/team-page";
import { listInvitations } from "@/lib/invitations/list-invitations";
import { listMembers } from "@/lib/members/list-members";
import { canManageRole, ROLES } from "@/lib/rbac";
import { formatInTimeZone } from "@/lib/teams/format";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ teamSlug: string }> }) {
  const { teamSlug } = await params;
  const access = await teamPage(PAGE_SCOPES["/teams/[teamSlug]/settings/members"])(teamSlug);
  const [members, invitations] = await Promise.all([listMembers(access), listInvitations(access)]);
  const tz = access.team.timeZone;
  const grantable = ROLES.filter((r) => canManageRole(access.role, r));
  const owners = members.filter((m) => m.role === "OWNER").length;

  const rows = members.map((m) => {
    const isSelf = m.membershipId === access.membershipId;
    const manageable = !isSelf && canManageRole(access.role, m.role) && !(m.role === "OWNER" && owners <= 1);
    return {
      membershipId: m.membershipId,
      name: m.name,
      email: m.email,
      role: m.role,
      joined: formatInTimeZone(m.joinedAt, tz, false),
      isSelf,
      roleOptions: manageable ? grantable : [],
      canRemove: manageable,
    };
  });

  return (
    <div className="space-y-6">
      <SectionCard
        title="Members"
        description={
          access.role === "OWNER"
            ? "Owners manage every role. Nobody can change their own role, and a team always keeps at least one owner."
            : "Admins manage supervisors and agents; only an owner can grant or take away the owner or admin role."
        }
      >
        <MembersTable teamId={access.team.id} members={rows} />
      </SectionCard>

      <SectionCard title="Invite someone" description="You get a single-use link, valid for 7 days, to send them yourself." contentClassName="space-y-6">
        <InviteForm teamId={access.team.id} roles={grantable} />
        <div className="space-y-2">
          <h3 className="text-sm font-medium">Open invitations</h3>
          <InvitationsList
            teamId={access.team.id}
            invitations={invitations.map((inv) => ({
              id: inv.id,
              email: inv.email,
              role: inv.role,
              status: inv.status,
              expires: formatInTimeZone(inv.expiresAt, tz),
              invitedBy: inv.invitedBy,
              canRevoke: canManageRole(access.role, inv.role),
            }))}
          />
        </div>
      </SectionCard>

      {access.can("ownership:transfer") ? (
        <SectionCard title="Transfer ownership" description="Hand the team to another member. You stay on as an admin.">
          <TransferOwnership
            teamId={access.team.id}
            candidates={members.filter((m) => m.role !== "OWNER").map((m) => ({ membershipId: m.membershipId, name: m.name, email: m.email }))}
          />
        </SectionCard>
      ) : null}
    </div>
  );
}
