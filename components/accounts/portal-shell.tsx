import Link from "next/link";
import { Logo } from "@/components/brand/logo";
import { AppHeader } from "@/components/shell/app-header";
import { ThemeToggle } from "@/components/theme-toggle";
import { getCurrentUser } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/rbac";
import { listUserTeams } from "@/lib/teams/list-user-teams";

/**
 * The frame of portal pages outside a team (account, new team, invitations): the app header with the
 * team switcher and no current team, or a plain header when nobody is signed in (invitation links).
 */
export async function PortalShell({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  const teams = user ? await listUserTeams(user.id) : [];
  return (
    <div className="flex min-h-dvh flex-col">
      {user ? (
        <AppHeader user={{ name: user.name, email: user.email }} teams={teams.map((t) => ({ slug: t.slug, name: t.name, roleLabel: ROLE_LABELS[t.role] }))} nav={[]} />
      ) : (
        <header className="flex h-14 items-center justify-between border-b px-4 sm:px-6">
          <Link href="/" className="rounded-md focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none">
            <Logo />
          </Link>
          <ThemeToggle />
        </header>
      )}
      <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 py-6 sm:px-6 sm:py-10">
        {children}
      </main>
    </div>
  );
}
