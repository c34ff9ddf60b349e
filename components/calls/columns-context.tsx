"use client";

import * as React from "react";

import { toast } from "@/components/ui/sonner";
import { normaliseColumns, type CallColumn, type CallColumnId } from "@/lib/calls/columns";

// The calls table's visible columns, shared by the table's column chooser and the saved-views
// toolbar. Without a view they are the member's own preference (saved as they change). With a
// view applied they are the view's columns; changing them only marks the view as modified until
// it is saved. The team API (../api/team-api) loads at the first change, not with the calls page.

type CallColumnsState = {
  /** Columns the member may choose from. */
  available: CallColumn[];
  /** Shown now, in table order. */
  visible: CallColumnId[];
  /** Whether changes go to the member's preference (no view applied). */
  persist: boolean;
  setShown: (id: CallColumnId, shown: boolean) => void;
  /** Replaces the visible columns (a view's "Reset" or "Reload"). */
  reset: (ids: readonly CallColumnId[]) => void;
};

const Ctx = React.createContext<CallColumnsState | null>(null);

export function useCallColumns(): CallColumnsState {
  const value = React.useContext(Ctx);
  if (!value) throw new Error("useCallColumns needs a CallColumnsProvider (the calls page renders one).");
  return value;
}

export function CallColumnsProvider({
  teamId,
  sourceKey,
  available,
  initial,
  persist,
  children,
}: {
  teamId: string;
  /** What the initial columns come from ("pref", or the applied view): a new source replaces the columns. */
  sourceKey: string;
  available: CallColumn[];
  initial: CallColumnId[];
  persist: boolean;
  children: React.ReactNode;
}) {
  const [state, setState] = React.useState({ key: sourceKey, visible: initial });
  let visible = state.visible;
  if (state.key !== sourceKey) {
    visible = initial;
    setState({ key: sourceKey, visible: initial });
  }

  const saveTimer = React.useRef<ReturnType<typeof setTimeout> | null>(null);
  React.useEffect(
    () => () => {
      if (saveTimer.current) clearTimeout(saveTimer.current);
    },
    [],
  );

  const setShown = React.useCallback(
    (id: CallColumnId, shown: boolean) => {
      const next = normaliseColumns(shown ? [...visible, id] : visible.filter((c) => c !== id));
      setState({ key: sourceKey, visible: next });
      if (!persist) return;
      if (saveTimer.current) clearTimeout(saveTimer.current);
      saveTimer.current = setTimeout(async () => {
        const r = await (await import("@/components/api/team-api")).setCallColumns(teamId, next);
        if (!r.ok) toast.error("Your column choice could not be saved", { description: "It applies on this page until you reload. Try again in a moment." });
      }, 400);
    },
    [visible, sourceKey, persist, teamId],
  );

  const reset = React.useCallback((ids: readonly CallColumnId[]) => setState({ key: sourceKey, visible: normaliseColumns(ids) }), [sourceKey]);

  const value = React.useMemo(() => ({ available, visible, persist, setShown, reset }), [available, visible, persist, setShown, reset]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}
