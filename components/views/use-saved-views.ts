"use client";

// The saved-views toolbar's state and its calls to the views API (through ../api/team-api, loaded
// when the page is idle or at the first action, so it is not in the calls page's first-load JavaScript).
import * as React from "react";
import { useRouter } from "next/navigation";

import type { ApiError } from "@/components/api/api-fetch";
import { useCallColumns } from "@/components/calls/columns-context";
import { whenIdle } from "@/components/ui/lazy-overlay";
import { toast } from "@/components/ui/sonner";
import { normaliseColumns, visibleColumns, type CallColumnId } from "@/lib/calls/columns";
import { callsListPath } from "@/lib/calls/links";
import { filtersKey, viewHref } from "@/lib/views/links";
import type { SavedViewDTO } from "@/lib/views/types";
import type { ViewNameResult } from "./view-name-dialog";

const loadTeamApi = () => import("@/components/api/team-api");

/**
 * The view as the member applied it: what "Modified" compares with and the version "Save" sends.
 * It stays while the member works in the view, even when the page re-renders with a newer version
 * saved by someone else, so saving over their change is a conflict (409), never a silent overwrite.
 */
type Base = { id: string; version: number; filters: string | null; columns: CallColumnId[] };

export type ViewsDialog = { kind: "create" } | { kind: "rename"; view: SavedViewDTO } | { kind: "delete"; view: SavedViewDTO } | null;
export type ViewConflict = { viewId: string; message: string };
export type DefaultKind = "user" | "team";

export type SavedViewsInput = {
  teamId: string;
  teamSlug: string;
  /** The view in the URL, when it is one the member may see. */
  applied: SavedViewDTO | null;
  /** The URL's filters in canonical form (lib/views/links.ts `filtersKey`), null while they are invalid. */
  currentFiltersKey: string | null;
  /** The filters in effect, as a view stores them; null while they are invalid (nothing to save). */
  currentFilters: Record<string, string | number> | null;
};

/** What the calls to the API need from the hook's render. */
type Ctx = SavedViewsInput & {
  current: Base | null;
  visible: CallColumnId[];
  refresh: () => void;
  go: (href: string) => void;
  rebase: (view: SavedViewDTO) => void;
  followOwnChange: (before: SavedViewDTO, after: SavedViewDTO) => void;
  setConflict: (conflict: ViewConflict | null) => void;
  setBusy: (busy: boolean) => void;
  setDialog: (dialog: ViewsDialog) => void;
};

const sameColumns = (a: readonly CallColumnId[], b: readonly CallColumnId[]) => normaliseColumns(a).join(",") === normaliseColumns(b).join(",");
const isStale = (error: ApiError) => error.status === 409 && error.details.reason === "stale";
const nameErrors = (error: ApiError): ViewNameResult => ({ fieldErrors: error.fieldErrors, message: error.fieldErrors?.name ? undefined : error.message });

function errorText(error: ApiError): string {
  const fields = Object.values(error.fieldErrors ?? {}).flat();
  return fields.length ? fields.join(" ") : error.message;
}

/**
 * The toolbar's state (the applied view's base copy, the open dialog, a save conflict) and its
 * actions: apply, save, reload, reset, create, rename, delete, share and the two defaults.
 */
export function useSavedViews(input: SavedViewsInput) {
  const { applied, currentFiltersKey, currentFilters } = input;
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
  const [dialog, setDialog] = React.useState<ViewsDialog>(null);
  const [conflict, setConflict] = React.useState<ViewConflict | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [, startTransition] = React.useTransition();
  React.useEffect(() => whenIdle(() => void loadTeamApi()), []);

  const c: Ctx = {
    ...input,
    current,
    visible,
    refresh: () => router.refresh(),
    /** Navigates (or re-renders when already there) so the server's view of things is shown. */
    go: (href) =>
      startTransition(() => {
        if (`${window.location.pathname}${window.location.search}` === href) router.refresh();
        else router.push(href, { scroll: false });
      }),
    /** Starts over from a fresh copy of the view: its filters (by navigating), columns and version. */
    rebase: (v) => {
      const next = baseOf(v);
      setBase(next);
      reset(next.columns);
    },
    /** After my own rename or share, my copy is still current when it was before (not a conflict with myself). */
    followOwnChange: (before, after) => setBase((b) => (b && b.id === after.id && b.version === before.version ? { ...b, version: after.version } : b)),
    setConflict,
    setBusy,
    setDialog,
  };

  return {
    dialog,
    setDialog,
    busy,
    modified: !!applied && !!current && (currentFiltersKey === null || currentFiltersKey !== current.filters || !sameColumns(visible, current.columns)),
    conflict: conflict && applied && conflict.viewId === applied.id ? conflict : null,
    hasFilters: !!currentFilters && Object.keys(currentFilters).some((k) => k !== "per_page"),
    go: c.go,
    apply: (view: SavedViewDTO) => applyView(c, view),
    resetToView: () => resetToView(c),
    save: () => saveView(c),
    reloadView: () => reloadView(c),
    create: (name: string, share: boolean) => createView(c, name, share),
    rename: (view: SavedViewDTO, name: string) => renameView(c, view, name),
    remove: (view: SavedViewDTO) => removeView(c, view),
    share: (view: SavedViewDTO) => shareView(c, view),
    setDefault: (which: DefaultKind, viewId: string | null, message: string) => setDefaultView(c, which, viewId, message),
  };
}

function applyView(c: Ctx, view: SavedViewDTO) {
  c.setConflict(null);
  // Re-applying the same view starts over from it (columns and version too).
  if (c.applied?.id === view.id) c.rebase(view);
  c.go(viewHref(c.teamSlug, view));
}

function resetToView(c: Ctx) {
  if (!c.applied) return;
  c.setConflict(null);
  c.rebase(c.applied);
  c.go(viewHref(c.teamSlug, c.applied));
}

async function saveView(c: Ctx) {
  const { applied, current, currentFilters } = c;
  if (!applied || !current || !currentFilters) return;
  c.setBusy(true);
  const r = await (await loadTeamApi()).updateView(c.teamId, applied.id, { version: current.version, filters: currentFilters, columns: c.visible });
  c.setBusy(false);
  if (!r.ok) {
    if (isStale(r.error)) c.setConflict({ viewId: applied.id, message: r.error.message });
    else toast.error("The view was not saved", { description: errorText(r.error) });
    return;
  }
  c.setConflict(null);
  c.rebase(r.data);
  toast.success(`Saved “${r.data.name}”`);
  c.go(viewHref(c.teamSlug, r.data));
}

async function reloadView(c: Ctx) {
  if (!c.applied) return;
  const r = await (await loadTeamApi()).getView(c.teamId, c.applied.id);
  if (!r.ok) {
    toast.error("The view could not be reloaded", { description: r.error.message });
    if (r.error.status === 404) c.go(callsListPath(c.teamSlug));
    return;
  }
  c.setConflict(null);
  c.rebase(r.data);
  c.go(viewHref(c.teamSlug, r.data));
}

async function createView(c: Ctx, name: string, share: boolean): Promise<ViewNameResult> {
  if (!c.currentFilters) return { message: "Fix the highlighted filters first." };
  const r = await (await loadTeamApi()).createView(c.teamId, { name, visibility: share ? "TEAM" : "PERSONAL", filters: c.currentFilters, columns: c.visible });
  if (!r.ok) return nameErrors(r.error);
  c.setDialog(null);
  c.setConflict(null);
  toast.success(`Saved the view “${r.data.name}”`, { description: r.data.visibility === "TEAM" ? "Shared with the team." : "Only you can see it." });
  c.go(viewHref(c.teamSlug, r.data));
}

async function renameView(c: Ctx, view: SavedViewDTO, name: string): Promise<ViewNameResult> {
  const r = await (await loadTeamApi()).updateView(c.teamId, view.id, { version: view.version, name });
  if (!r.ok) {
    if (isStale(r.error)) c.refresh();
    return nameErrors(r.error);
  }
  c.followOwnChange(view, r.data);
  c.setDialog(null);
  toast.success(`Renamed to “${r.data.name}”`);
  c.refresh();
}

async function removeView(c: Ctx, view: SavedViewDTO) {
  c.setBusy(true);
  const r = await (await loadTeamApi()).deleteView(c.teamId, view.id);
  c.setBusy(false);
  c.setDialog(null);
  if (!r.ok && r.error.status !== 404) {
    toast.error("The view was not deleted", { description: r.error.message });
    return;
  }
  toast.success(`Deleted the view “${view.name}”`);
  c.setConflict(null);
  // The list without parameters: the next default applies (mine, else the team's, else none).
  c.go(callsListPath(c.teamSlug));
}

async function shareView(c: Ctx, view: SavedViewDTO) {
  const r = await (await loadTeamApi()).updateView(c.teamId, view.id, { version: view.version, visibility: "TEAM" });
  if (!r.ok) {
    toast.error("The view was not shared", { description: r.error.message });
    if (isStale(r.error)) c.refresh();
    return;
  }
  c.followOwnChange(view, r.data);
  toast.success(`“${r.data.name}” is shared with the team`);
  c.refresh();
}

async function setDefaultView(c: Ctx, which: DefaultKind, viewId: string | null, message: string) {
  const r = await (await loadTeamApi()).setDefaultViews(c.teamId, { [which]: viewId });
  if (!r.ok) {
    toast.error("The default was not changed", { description: r.error.message });
    return;
  }
  toast.success(message);
  c.refresh();
}
