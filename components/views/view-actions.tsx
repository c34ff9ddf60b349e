"use client";

import { EllipsisIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import type { SavedViewDTO } from "@/lib/views/types";
import type { DefaultKind } from "./use-saved-views";
import type { ViewDefaults } from "./views-menu";

/** The applied view's "…" menu: rename, share, my default, the team default and delete, each where the role matrix allows. */
export function ViewActions({
  view,
  defaults,
  canShare,
  onRename,
  onDelete,
  onShare,
  onSetDefault,
}: {
  view: SavedViewDTO;
  defaults: ViewDefaults;
  canShare: boolean;
  onRename: () => void;
  onDelete: () => void;
  onShare: () => void;
  onSetDefault: (which: DefaultKind, viewId: string | null, message: string) => void;
}) {
  const isMyDefault = defaults.user === view.id;
  const isTeamDefault = defaults.team === view.id;
  const canShareIt = view.visibility === "PERSONAL" && view.isMine && canShare;
  const canTeamDefault = view.visibility === "TEAM" && canShare;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon-sm" aria-label={`Actions for the view “${view.name}”`}>
          <EllipsisIcon aria-hidden="true" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-56">
        <DropdownMenuLabel className="truncate">{view.name}</DropdownMenuLabel>
        <DropdownMenuSeparator />
        {view.canEdit ? <DropdownMenuItem onSelect={onRename}>Rename…</DropdownMenuItem> : null}
        {canShareIt ? <DropdownMenuItem onSelect={onShare}>Share with team</DropdownMenuItem> : null}
        {isMyDefault ? (
          <DropdownMenuItem onSelect={() => onSetDefault("user", null, `“${view.name}” is no longer your default`)}>Remove as my default</DropdownMenuItem>
        ) : (
          <DropdownMenuItem onSelect={() => onSetDefault("user", view.id, `“${view.name}” is now your default view`)}>Set as my default</DropdownMenuItem>
        )}
        {canTeamDefault ? (
          isTeamDefault ? (
            <DropdownMenuItem onSelect={() => onSetDefault("team", null, `“${view.name}” is no longer the team default`)}>Remove as team default</DropdownMenuItem>
          ) : (
            <DropdownMenuItem onSelect={() => onSetDefault("team", view.id, `“${view.name}” is now the team's default view`)}>Set as team default</DropdownMenuItem>
          )
        ) : null}
        {view.canEdit ? (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuItem variant="destructive" onSelect={onDelete}>
              Delete…
            </DropdownMenuItem>
          </>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
