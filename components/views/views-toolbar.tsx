"use client";

import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { BookmarkIcon, ChevronDownIcon, EllipsisIcon, PlusIcon, RotateCcwIcon, SaveIcon } from "lucide-react";

import { useCallColumns } from "@/components/calls/columns-context";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
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
import { whenIdle } from "@/components/ui/lazy-overlay";
import { toast } from "@/components/ui/sonner";
import { apiFetch, type ApiError } from "@/components/api/api-fetch";
import { normaliseColumns, visibleColumns, type CallColumnId } from "@/lib/calls/columns";
import { callsListPath } from "@/lib/calls/links";
import { filtersKey, viewHref } from "@/lib/views/links";
import type { SavedViewDTO } from "@/lib/views/types";
import type { ViewNameResult } from "./view-name-dialog";

// Loaded when the page is idle (or at the first "Save as new view" or "Rename"), not with the calls page.
const loadNameDialog = () => import("./view-name-dialog");
const ViewNameDialog = React.lazy(() => loadNameDialog().then((m) => ({ default: m.ViewNameDialog })));

export type ViewsToolbarProps = {
  teamId: string;
  teamSlug: string;
  mine: SavedViewDTO[];
  team: SavedViewDTO[];
  defaults: { user: string | null; team: string | null };
  /** The view in the URL, when it is one the member may see. */
  applied: SavedViewDTO | null;
  /** The URL's filters in canonical form (lib/views/links.ts `filtersKey`), null while they are invalid. */
  currentFiltersKey: string | null;
  /** The filters in effect, as a view stores them; null while they are invalid (nothing to save). */
  currentFilters: Record<string, string | number> | null;
  /** `views:share` from the role matrix: team views and the team default. */
  canShare: boolean;
  /** The list without any view (stays unfiltered even when a default exists). */
  allCallsHref: string;
  /** The applied view's stored filters no longer validate. */
  problem: { messages: string[]; /** Its still-valid filters, to start fixing from (only while the URL carries the invalid ones). */ editHref: string | null } | null;
};

/**
 * The view as the member applied it: what "Modified" compares with and the version "Save" sends.
 * It stays while the member works in the view, even when the page re-renders with a newer version
 * saved by someone else, so saving over their change is a conflict (409), never a silent overwrite.
 */
type Base = { id: string; version: number; filters: string | null; columns: CallColumnId[] };

type OpenDialog = { kind: "create" } | { kind: "rename"; view: SavedViewDTO } | { kind: "delete"; view: SavedViewDTO } | null;

const ALL = "__all";
const sameColumns = (a: readonly CallColumnId[], b: readonly CallColumnId[]) => normaliseColumns(a).join(",") === normaliseColumns(b).join(",");

function ownerText(v: SavedViewDTO): string {
  if (!v.owner) return "by a former member";
  return `by ${v.owner.name}${v.owner.formerMember ? " (former member)" : ""}`;
}

function isStale(error: ApiError): boolean {
  return error.status === 409 && error.details.reason === "stale";
}

/**
 * The saved-views toolbar above the calls filters: the views menu ("All calls", "My views",
 * "Team views"), the applied view's state (Modified → Save / Save as new view / Reset) and its
 * actions (rename, share, defaults, delete), each offered only where the role matrix allows.
 */
export function ViewsToolbar(props: ViewsToolbarProps) {
  const { teamId, teamSlug, mine, team, defaults, applied, currentFiltersKey, currentFilters, canShare, allCallsHref, problem } = props;
  const router = useRouter();
  const { available, visible, reset } = useCallColumns();
  const costs = available.some((c) => c.costs);
  const baseOf = React.useCallback((v: SavedViewDTO): Base => ({ id: v.id, version: v.version, filters: filtersKey(v.parsed), columns: visibleColumns(v.columns, { costs }) }), [costs]);
  const [base, setBase] = React.useState<Base | null>(applied ? baseOf(applied) : null);
  let current = base;
  if ((applied?.id ?? null) !== (base?.id ?? null)) {
    current = applied ? baseOf(applied) : null;
    setBase(current);
  }
  /** Starts over from a fresh copy of the view: its filters (by navigating), columns and version. */
  const rebase = (v: SavedViewDTO) => {
    const next = baseOf(v);
    setBase(next);
    reset(next.columns);
  };
  const [dialog, setDialog] = React.useState<OpenDialog>(null);
  // The name dialogs mount at their first use and then stay (so they can animate closed).
  const [nameDialogsUsed, setNameDialogsUsed] = React.useState(false);
  React.useEffect(() => whenIdle(() => void loadNameDialog()), []);
  if (!nameDialogsUsed && (dialog?.kind === "create" || dialog?.kind === "rename")) setNameDialogsUsed(true);
  const [conflict, setConflict] = React.useState<{ viewId: string; message: string } | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [, startTransition] = React.useTransition();
  const api = `/api/teams/${encodeURIComponent(teamId)}/views`;

  /** After my own rename or share, my copy is still current when it was before (not a conflict with myself). */
  const followOwnChange = (before: SavedViewDTO, after: SavedViewDTO) =>
    setBase((b) => (b && b.id === after.id && b.version === before.version ? { ...b, version: after.version } : b));

  const modified = !!applied && !!current && (currentFiltersKey === null || currentFiltersKey !== current.filters || !sameColumns(visible, current.columns));
  const shownConflict = conflict && applied && conflict.viewId === applied.id ? conflict : null;

  /** Navigates (or re-renders when already there) so the server's view of things is shown. */
  const go = (href: string) =>
    startTransition(() => {
      if (`${window.location.pathname}${window.location.search}` === href) router.refresh();
      else router.push(href, { scroll: false });
    });

  const apply = (view: SavedViewDTO) => {
    setConflict(null);
    // Re-applying the same view starts over from it (columns and version too).
    if (applied?.id === view.id) rebase(view);
    go(viewHref(teamSlug, view));
  };

  const save = async () => {
    if (!applied || !current || !currentFilters) return;
    setBusy(true);
    const r = await apiFetch<SavedViewDTO>(`${api}/${encodeURIComponent(applied.id)}`, { method: "PATCH", json: { version: current.version, filters: currentFilters, columns: visible } });
    setBusy(false);
    if (!r.ok) {
      if (isStale(r.error)) setConflict({ viewId: applied.id, message: r.error.message });
      else toast.error("The view was not saved", { description: errorText(r.error) });
      return;
    }
    setConflict(null);
    rebase(r.data);
    toast.success(`Saved “${r.data.name}”`);
    go(viewHref(teamSlug, r.data));
  };

  const reloadView = async () => {
    if (!applied) return;
    const r = await apiFetch<SavedViewDTO>(`${api}/${encodeURIComponent(applied.id)}`);
    if (!r.ok) {
      toast.error("The view could not be reloaded", { description: r.error.message });
      if (r.error.status === 404) go(callsListPath(teamSlug));
      return;
    }
    setConflict(null);
    rebase(r.data);
    go(viewHref(teamSlug, r.data));
  };

  const resetToView = () => {
    if (!applied) return;
    setConflict(null);
    rebase(applied);
    go(viewHref(teamSlug, applied));
  };

  const create = async ({ name, share }: { name: string; share: boolean }): Promise<ViewNameResult> => {
    if (!currentFilters) return { message: "Fix the highlighted filters first." };
    const r = await apiFetch<SavedViewDTO>(api, { method: "POST", json: { name, visibility: share ? "TEAM" : "PERSONAL", filters: currentFilters, columns: visible } });
    if (!r.ok) return { fieldErrors: r.error.fieldErrors, message: r.error.fieldErrors?.name ? undefined : r.error.message };
    setDialog(null);
    setConflict(null);
    toast.success(`Saved the view “${r.data.name}”`, { description: r.data.visibility === "TEAM" ? "Shared with the team." : "Only you can see it." });
    go(viewHref(teamSlug, r.data));
  };

  const rename = async (view: SavedViewDTO, name: string): Promise<ViewNameResult> => {
    const r = await apiFetch<SavedViewDTO>(`${api}/${encodeURIComponent(view.id)}`, { method: "PATCH", json: { version: view.version, name } });
    if (!r.ok) {
      if (isStale(r.error)) router.refresh();
      return { fieldErrors: r.error.fieldErrors, message: r.error.fieldErrors?.name ? undefined : r.error.message };
    }
    followOwnChange(view, r.data);
    setDialog(null);
    toast.success(`Renamed to “${r.data.name}”`);
    router.refresh();
  };

  const remove = async (view: SavedViewDTO) => {
    setBusy(true);
    const r = await apiFetch<null>(`${api}/${encodeURIComponent(view.id)}`, { method: "DELETE" });
    setBusy(false);
    setDialog(null);
    if (!r.ok && r.error.status !== 404) {
      toast.error("The view was not deleted", { description: r.error.message });
      return;
    }
    toast.success(`Deleted the view “${view.name}”`);
    setConflict(null);
    // The list without parameters: the next default applies (mine, else the team's, else none).
    go(callsListPath(teamSlug));
  };

  const share = async (view: SavedViewDTO) => {
    const r = await apiFetch<SavedViewDTO>(`${api}/${encodeURIComponent(view.id)}`, { method: "PATCH", json: { version: view.version, visibility: "TEAM" } });
    if (!r.ok) {
      toast.error("The view was not shared", { description: r.error.message });
      if (isStale(r.error)) router.refresh();
      return;
    }
    followOwnChange(view, r.data);
    toast.success(`“${r.data.name}” is shared with the team`);
    router.refresh();
  };

  const setDefault = async (which: "user" | "team", viewId: string | null, message: string) => {
    const r = await apiFetch<{ user: string | null; team: string | null }>(`${api}/defaults`, { method: "PUT", json: { [which]: viewId } });
    if (!r.ok) {
      toast.error("The default was not changed", { description: r.error.message });
      return;
    }
    toast.success(message);
    router.refresh();
  };

  const hasFilters = !!currentFilters && Object.keys(currentFilters).some((k) => k !== "per_page");

  return (
    <div className="space-y-3">
      <div role="group" aria-label="Saved views" className="flex flex-wrap items-center gap-2">
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
              <DropdownMenuRadioItem value={ALL} onSelect={() => go(allCallsHref)}>
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
                <ViewItem key={v.id} view={v} defaults={defaults} onApply={apply} />
              ))}
              <DropdownMenuSeparator />
              <DropdownMenuLabel className="text-xs text-muted-foreground">Team views</DropdownMenuLabel>
              {team.length === 0 ? (
                <DropdownMenuItem disabled className="text-xs">
                  No team views yet
                </DropdownMenuItem>
              ) : null}
              {team.map((v) => (
                <ViewItem key={v.id} view={v} defaults={defaults} onApply={apply} detail={ownerText(v)} />
              ))}
            </DropdownMenuRadioGroup>
            <DropdownMenuSeparator />
            <DropdownMenuItem disabled={!currentFilters} onSelect={() => setDialog({ kind: "create" })}>
              <PlusIcon aria-hidden="true" />
              Save as new view…
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>

        {applied && defaults.user === applied.id ? <Badge variant="secondary">My default</Badge> : null}
        {applied && defaults.user !== applied.id && defaults.team === applied.id ? <Badge variant="secondary">Team default</Badge> : null}
        {applied?.problem ? <Badge variant="destructive">Needs fixing</Badge> : null}
        {modified ? (
          <>
            <Badge variant="warning">Modified</Badge>
            {applied?.canEdit ? (
              <Button size="sm" onClick={save} disabled={busy || !currentFilters} title={currentFilters ? undefined : "Fix the highlighted filters first"}>
                <SaveIcon aria-hidden="true" />
                Save
              </Button>
            ) : null}
            <Button size="sm" variant="outline" onClick={() => setDialog({ kind: "create" })} disabled={!currentFilters}>
              Save as new view
            </Button>
            <Button size="sm" variant="ghost" onClick={resetToView}>
              <RotateCcwIcon aria-hidden="true" />
              Reset
            </Button>
          </>
        ) : null}
        {!applied && hasFilters ? (
          <Button size="sm" variant="outline" onClick={() => setDialog({ kind: "create" })}>
            <PlusIcon aria-hidden="true" />
            Save as new view
          </Button>
        ) : null}

        {applied ? (
          <ViewActions
            view={applied}
            defaults={defaults}
            canShare={canShare}
            onRename={() => setDialog({ kind: "rename", view: applied })}
            onDelete={() => setDialog({ kind: "delete", view: applied })}
            onShare={() => share(applied)}
            onSetDefault={setDefault}
          />
        ) : null}
      </div>

      {shownConflict ? (
        <Alert variant="destructive">
          <AlertTitle>Not saved: someone else changed this view</AlertTitle>
          <AlertDescription>
            <p>{shownConflict.message}</p>
            <div className="mt-2 flex flex-wrap gap-2">
              <Button size="sm" variant="outline" onClick={reloadView}>
                Reload view
              </Button>
              <Button size="sm" variant="outline" onClick={() => setDialog({ kind: "create" })} disabled={!currentFilters}>
                Save as new view
              </Button>
            </div>
          </AlertDescription>
        </Alert>
      ) : null}

      {applied && problem ? (
        <Alert variant={problem.editHref ? "destructive" : "warning"}>
          <AlertTitle>{problem.editHref ? `The view “${applied.name}” cannot be applied as saved` : `Fixing the view “${applied.name}”`}</AlertTitle>
          <AlertDescription>
            <p>{problem.editHref ? "Its stored filters are no longer valid, so no calls were loaded:" : "Its stored filters were no longer valid:"}</p>
            <ul className="list-disc pl-5">
              {problem.messages.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
            {problem.editHref ? null : <p>{applied.canEdit ? "Adjust the filters above and click Save to store the fix." : "Adjust the filters above; save them as a view of your own if you like."}</p>}
            <div className="mt-2 flex flex-wrap gap-2">
              {problem.editHref ? (
                <Button asChild size="sm" variant="outline">
                  <Link href={problem.editHref}>{applied.canEdit ? "Edit filters and save" : "Use its other filters"}</Link>
                </Button>
              ) : null}
              {applied.canEdit ? (
                <Button size="sm" variant="outline" onClick={() => setDialog({ kind: "delete", view: applied })}>
                  Delete view
                </Button>
              ) : null}
            </div>
          </AlertDescription>
        </Alert>
      ) : null}

      {nameDialogsUsed ? (
        <React.Suspense fallback={null}>
        <ViewNameDialog
          open={dialog?.kind === "create"}
          onOpenChange={(o) => setDialog(o ? { kind: "create" } : null)}
          title="Save as new view"
          description="The current filters, page size and columns, under a name."
          submitLabel="Save view"
          initialName={applied ? `${applied.name} (copy)` : ""}
          canShare={canShare}
          onSubmit={create}
        />
        <ViewNameDialog
          open={dialog?.kind === "rename"}
          onOpenChange={(o) => {
            if (!o) setDialog(null);
          }}
          title="Rename view"
          description={dialog?.kind === "rename" && dialog.view.visibility === "TEAM" ? "The new name shows for everyone in the team." : "Only the name changes."}
          submitLabel="Rename"
          initialName={dialog?.kind === "rename" ? dialog.view.name : ""}
          // The latest copy of the view (a retry after a conflict uses the refreshed version).
          onSubmit={async ({ name }) => (dialog?.kind === "rename" ? rename(applied?.id === dialog.view.id ? applied : dialog.view, name) : undefined)}
        />
        </React.Suspense>
      ) : null}
      <AlertDialog
        open={dialog?.kind === "delete"}
        onOpenChange={(o) => {
          if (!o) setDialog(null);
        }}
      >
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>{dialog?.kind === "delete" ? `Delete the view “${dialog.view.name}”?` : "Delete the view?"}</AlertDialogTitle>
            <AlertDialogDescription>
              {dialog?.kind === "delete" && dialog.view.visibility === "TEAM"
                ? "It disappears for everyone in the team. Where it was a default, the next default applies (the member's own, then the team's, then none)."
                : "It disappears from your views. The calls themselves are not affected."}
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              variant="destructive"
              disabled={busy}
              onClick={(e) => {
                e.preventDefault();
                if (dialog?.kind === "delete") void remove(dialog.view);
              }}
            >
              Delete view
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}

function errorText(error: ApiError): string {
  const fields = Object.values(error.fieldErrors ?? {}).flat();
  return fields.length ? fields.join(" ") : error.message;
}

function ViewItem({ view, defaults, onApply, detail }: { view: SavedViewDTO; defaults: { user: string | null; team: string | null }; onApply: (v: SavedViewDTO) => void; detail?: string }) {
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

function ViewActions({
  view,
  defaults,
  canShare,
  onRename,
  onDelete,
  onShare,
  onSetDefault,
}: {
  view: SavedViewDTO;
  defaults: { user: string | null; team: string | null };
  canShare: boolean;
  onRename: () => void;
  onDelete: () => void;
  onShare: () => void;
  onSetDefault: (which: "user" | "team", viewId: string | null, message: string) => void;
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
