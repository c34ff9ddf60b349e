"use client";

import { PlusIcon, RotateCcwIcon, SaveIcon } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { SavedViewDTO } from "@/lib/views/types";
import { useSavedViews } from "./use-saved-views";
import { ViewActions } from "./view-actions";
import { ConflictAlert, ProblemAlert, type ViewProblem } from "./view-alerts";
import { ViewDialogs } from "./view-dialogs";
import { ViewsMenu, type ViewDefaults } from "./views-menu";

export type ViewsToolbarProps = {
  teamId: string;
  teamSlug: string;
  mine: SavedViewDTO[];
  team: SavedViewDTO[];
  defaults: ViewDefaults;
  /** The view in the URL, when it is one the member may see. */
  applied: SavedViewDTO | null;
  /** The URL's filters in canonical form (lib/views/links.ts `filtersKey`), null while they are invalid. */
  currentFiltersKey: string | null;
  /** The filters in effect, as a view stores them; null while they are invalid (nothing to save). */
  currentFilters: Record<string, string | number | string[]> | null;
  /** `views:share` from the role matrix: team views and the team default. */
  canShare: boolean;
  /** The list without any view (stays unfiltered even when a default exists). */
  allCallsHref: string;
  /** The applied view's stored filters no longer validate. */
  problem: ViewProblem | null;
};

/**
 * The saved-views toolbar above the calls filters: the views menu ("All calls", "My views",
 * "Team views"), the applied view's state (Modified → Save / Save as new view / Reset) and its
 * actions (rename, share, defaults, delete), each offered only where the role matrix allows.
 */
export function ViewsToolbar(props: ViewsToolbarProps) {
  const { mine, team, defaults, applied, currentFilters, canShare, allCallsHref, problem } = props;
  const views = useSavedViews(props);
  const openCreate = () => views.setDialog({ kind: "create" });

  return (
    <div className="space-y-3">
      <div role="group" aria-label="Saved views" className="flex flex-wrap items-center gap-2">
        <ViewsMenu applied={applied} mine={mine} team={team} defaults={defaults} canCreate={!!currentFilters} onAll={() => views.go(allCallsHref)} onApply={views.apply} onCreate={openCreate} />

        {applied && defaults.user === applied.id ? <Badge variant="secondary">My default</Badge> : null}
        {applied && defaults.user !== applied.id && defaults.team === applied.id ? <Badge variant="secondary">Team default</Badge> : null}
        {applied?.problem ? <Badge variant="destructive">Needs fixing</Badge> : null}
        {views.modified ? (
          <>
            <Badge variant="warning">Modified</Badge>
            {applied?.canEdit ? (
              <Button size="sm" onClick={views.save} disabled={views.busy || !currentFilters} title={currentFilters ? undefined : "Fix the highlighted filters first"}>
                <SaveIcon aria-hidden="true" />
                Save
              </Button>
            ) : null}
            <Button size="sm" variant="outline" onClick={openCreate} disabled={!currentFilters}>
              Save as new view
            </Button>
            <Button size="sm" variant="ghost" onClick={views.resetToView}>
              <RotateCcwIcon aria-hidden="true" />
              Reset
            </Button>
          </>
        ) : null}
        {!applied && views.hasFilters ? (
          <Button size="sm" variant="outline" onClick={openCreate}>
            <PlusIcon aria-hidden="true" />
            Save as new view
          </Button>
        ) : null}

        {applied ? (
          <ViewActions
            view={applied}
            defaults={defaults}
            canShare={canShare}
            onRename={() => views.setDialog({ kind: "rename", view: applied })}
            onDelete={() => views.setDialog({ kind: "delete", view: applied })}
            onShare={() => views.share(applied)}
            onSetDefault={views.setDefault}
          />
        ) : null}
      </div>

      {views.conflict ? <ConflictAlert message={views.conflict.message} canCreate={!!currentFilters} onReload={views.reloadView} onCreate={openCreate} /> : null}
      {applied && problem ? <ProblemAlert view={applied} problem={problem} onDelete={() => views.setDialog({ kind: "delete", view: applied })} /> : null}

      <ViewDialogs dialog={views.dialog} setDialog={views.setDialog} applied={applied} canShare={canShare} busy={views.busy} onCreate={views.create} onRename={views.rename} onRemove={(view) => void views.remove(view)} />
    </div>
  );
}
