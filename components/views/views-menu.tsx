"use client";

import { BookmarkIcon, ChevronDownIcon, PlusIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { SavedViewDTO } from "@/lib/views/types";

export type ViewDefaults = { user: string | null; team: string | null };

const ALL = "__all";

function ownerText(v: SavedViewDTO): string {
  if (!v.owner) return "by a former member";
  return `by ${v.owner.name}${v.owner.formerMember ? " (former member)" : ""}`;
}

/** The "View: …" menu: "All calls", "My views", "Team views" and "Save as new view…". */
export function ViewsMenu({
  applied,
  mine,
  team,
  defaults,
  canCreate,
  onAll,
  onApply,
  onCreate,
}: {
  applied: SavedViewDTO | null;
  mine: SavedViewDTO[];
  team: SavedViewDTO[];
  defaults: ViewDefaults;
  canCreate: boolean;
  onAll: () => void;
  onApply: (view: SavedViewDTO) => void;
  onCreate: () => void;
}) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" className="max-w-full">
          <BookmarkIcon aria-hidden="true" />
          <span className="text-muted-foreground">View:</span>{" "}
          <span className="max-w-[16rem] truncate">{applied ? applied.name : "All calls"}</span>
          <ChevronDownIcon aria-hidden="true" className="opacity-60" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-72">
        <DropdownMenuRadioGroup value={applied?.id ?? ALL}>
          <DropdownMenuRadioItem value={ALL} onSelect={onAll}>
            All calls
          </DropdownMenuRadioItem>
          <DropdownMenuSeparator />
          <DropdownMenuLabel className="text-xs text-muted-foreground">My views</DropdownMenuLabel>
          {mine.length === 0 ? (
            <DropdownMenuItem disabled className="text-xs">
              No views of your own yet
            </DropdownMenuItem>
          ) : null}
          {mine.map((v) => (
            <ViewItem key={v.id} view={v} defaults={defaults} onApply={onApply} />
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuLabel className="text-xs text-muted-foreground">Team views</DropdownMenuLabel>
          {team.length === 0 ? (
            <DropdownMenuItem disabled className="text-xs">
              No team views yet
            </DropdownMenuItem>
          ) : null}
          {team.map((v) => (
            <ViewItem key={v.id} view={v} defaults={defaults} onApply={onApply} detail={ownerText(v)} />
          ))}
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem disabled={!canCreate} onSelect={onCreate}>
          <PlusIcon aria-hidden="true" />
          Save as new view…
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

function ViewItem({ view, defaults, onApply, detail }: { view: SavedViewDTO; defaults: ViewDefaults; onApply: (v: SavedViewDTO) => void; detail?: string }) {
  const marks = [defaults.user === view.id ? "my default" : null, defaults.team === view.id ? "team default" : null, view.problem ? "needs fixing" : null].filter(Boolean);
  return (
    <DropdownMenuRadioItem value={view.id} onSelect={() => onApply(view)} className="items-start">
      <span className="flex min-w-0 flex-col">
        <span className="truncate">{view.name}</span>
        {detail || marks.length ? <span className="truncate text-xs text-muted-foreground">{[detail, ...marks].filter(Boolean).join(" · ")}</span> : null}
      </span>
    </DropdownMenuRadioItem>
  );
}
