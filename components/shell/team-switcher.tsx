"use client";

import { CheckIcon, ChevronsUpDownIcon, PlusIcon } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

export type TeamOption = { slug: string; name: string; roleLabel: string };

export function TeamSwitcher({ current, teams }: { current?: TeamOption; teams: TeamOption[] }) {
  return (
    <DropdownMenu>
      {/* Named by its content (the visible team name and role are part of the name: WCAG 2.5.3 label in name). */}
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" className="max-w-[14rem] gap-2 px-2">
          <span className="sr-only">{current ? "Team: " : ""}</span>
          <span className="truncate font-medium">{current?.name ?? "Select a team"}</span>
          {current ? (
            <span className="hidden text-xs text-muted-foreground sm:inline">
              <span className="sr-only">, your role: </span>
              {current.roleLabel}
            </span>
          ) : null}
          <span className="sr-only">{current ? ". Switch team" : ""}</span>
          <ChevronsUpDownIcon className="size-4 opacity-60" aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-64">
        <DropdownMenuLabel>Teams</DropdownMenuLabel>
        {teams.map((t) => (
          <DropdownMenuItem key={t.slug} asChild>
            <Link href={`/teams/${t.slug}/calls`} className="flex items-center justify-between gap-2">
              <span className="truncate">{t.name}</span>
              <span className="flex items-center gap-2 text-xs text-muted-foreground">
                {t.roleLabel}
                {t.slug === current?.slug ? <CheckIcon className="size-4" aria-label="current team" /> : <span className="size-4" />}
              </span>
            </Link>
          </DropdownMenuItem>
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/teams/new">
            <PlusIcon className="size-4" aria-hidden /> Create a team
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
