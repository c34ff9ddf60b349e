import Link from "next/link";
import { Logo } from "@/components/brand/logo";
import { ThemeToggle } from "@/components/theme-toggle";
import { MainNav, MobileNav } from "@/components/shell/main-nav";
import { TeamSwitcher, type TeamOption } from "@/components/shell/team-switcher";
import { UserMenu } from "@/components/shell/user-menu";
import type { NavItem } from "@/lib/nav";

export function AppHeader({
  user,
  currentTeam,
  teams,
  nav,
}: {
  user: { name: string; email: string };
  currentTeam?: TeamOption;
  teams: TeamOption[];
  nav: NavItem[];
}) {
  return (
    <header className="sticky top-0 z-40 border-b bg-background/90 backdrop-blur supports-[backdrop-filter]:bg-background/70">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-background focus:px-3 focus:py-2 focus:ring-2 focus:ring-ring">
        Skip to content
      </a>
      <div className="mx-auto flex h-14 w-full max-w-[1400px] items-center gap-2 px-4 sm:gap-4 sm:px-6">
        {nav.length ? <MobileNav nav={nav} /> : null}
        <Link href="/" className="shrink-0 rounded-md focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none" aria-label="WhatTalk Team Portal home">
          <Logo className="hidden md:flex" />
          <Logo compact className="md:hidden" />
        </Link>
        <span className="text-muted-foreground/60" aria-hidden>
          /
        </span>
        <TeamSwitcher current={currentTeam} teams={teams} />
        <MainNav nav={nav} />
        <div className="ml-auto flex items-center gap-1">
          <ThemeToggle />
          <UserMenu name={user.name} email={user.email} />
        </div>
      </div>
    </header>
  );
}
