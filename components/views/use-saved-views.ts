"use client";

// The saved-views toolbar's state and actions. The calls to the views API (./view-mutations.ts,
// through ../api/team-api) load when the page is idle or at the first action, not with the calls page.
import * as React from "react";
import { useRouter } from "next/navigation";

import { useCallColumns } from "@/components/calls/columns-context";
import { whenIdle } from "@/components/ui/lazy-overlay";
import { normaliseColumns, visibleColumns, type CallColumnId } from "@/lib/calls/columns";
import { filtersKey, viewHref } from "@/lib/views/links";
import type { SavedViewDTO } from "@/lib/views/types";
import type { ViewNameResult } from "./view-name-dialog";

const loadMutations = () => import("./view-mutations");

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
  currentFilters: Record<string, string | number | string[]> | null;
};

/** What the calls to the API need from the hook's render. */
export type ViewsContext = SavedViewsInput & {
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
  React.useEffect(() => whenIdle(() => void loadMutations()), []);

  const c: ViewsContext = {
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
    save: async () => (await loadMutations()).saveView(c),
    reloadView: async () => (await loadMutations()).reloadView(c),
    create: async (name: string, share: boolean): Promise<ViewNameResult> => (await loadMutations()).createView(c, name, share),
    rename: async (view: SavedViewDTO, name: string): Promise<ViewNameResult> => (await loadMutations()).renameView(c, view, name),
    remove: async (view: SavedViewDTO) => (await loadMutations()).removeView(c, view),
    share: async (view: SavedViewDTO) => (await loadMutations()).shareView(c, view),
    setDefault: async (which: DefaultKind, viewId: string | null, message: string) => (await loadMutations()).setDefaultView(c, which, viewId, message),
  };
}

function applyView(c: ViewsContext, view: SavedViewDTO) {
  c.setConflict(null);
  // Re-applying the same view starts over from it (columns and version too).
  if (c.applied?.id === view.id) c.rebase(view);
  c.go(viewHref(c.teamSlug, view));
}

function resetToView(c: ViewsContext) {
  if (!c.applied) return;
  c.setConflict(null);
  c.rebase(c.applied);
  c.go(viewHref(c.teamSlug, c.applied));
}
