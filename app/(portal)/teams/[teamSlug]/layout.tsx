import { AppHeader } from "@/components/shell/app-header";
import { teamPage } from "@/lib/http/team-page";
import { ANY_MEMBER } from "@/lib/rbac";
import { listUserTeams } from "@/lib/teams/list-user-teams";
import { mainNav } from "@/lib/nav";
import { ROLE_LABELS } from "@/lib/rbac";

export default async function TeamLayout({ children, params }: { children: React.ReactNode; params: Promise<{ teamSlug: string }> }) {
  const { teamSlug } = await params;
  const access = await teamPage(ANY_MEMBER)(teamSlug);
  const teams = await listUserTeams(access.user.id);
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader
        user={{ name: access.user.name, email: access.user.email }}
        currentTeam={{ slug: access.team.slug, name: access.team.name, roleLabel: ROLE_LABELS[access.role] }}
        teams={teams.map((t) => ({ slug: t.slug, name: t.name, roleLabel: ROLE_LABELS[t.role] }))}
        nav={mainNav(access.team.slug, access.role)}
      />
      <main id="main" className="mx-auto w-full max-w-[1400px] flex-1 px-4 py-6 sm:px-6">
        {children}
      </main>
    </div>
  );
}
