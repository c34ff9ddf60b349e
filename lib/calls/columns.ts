// The calls table's columns: one list, used by the table, the column chooser, the preferences
// route handler (which accepts only these ids) and, later, saved views. Safe for client bundles.

export const CALL_COLUMNS = [
  { id: "time", label: "Time", defaultVisible: true, required: true },
  { id: "type", label: "Type", defaultVisible: true },
  { id: "status", label: "Status", defaultVisible: true },
  { id: "assistant", label: "Assistant", defaultVisible: true },
  { id: "campaign", label: "Campaign", defaultVisible: true },
  { id: "customerPhone", label: "Customer phone", defaultVisible: true },
  { id: "duration", label: "Duration", defaultVisible: true },
  { id: "answeredBy", label: "Answered by", defaultVisible: false },
  { id: "sentiment", label: "Sentiment", defaultVisible: true },
  { id: "outcome", label: "Outcome", defaultVisible: true },
  { id: "score", label: "Score", defaultVisible: true },
  { id: "cost", label: "Cost", defaultVisible: true, costs: true },
] as const satisfies readonly { id: string; label: string; defaultVisible: boolean; required?: boolean; costs?: boolean }[];

export type CallColumnId = (typeof CALL_COLUMNS)[number]["id"];
export type CallColumn = { id: CallColumnId; label: string; defaultVisible: boolean; required?: boolean; costs?: boolean };

export const CALL_COLUMN_IDS = CALL_COLUMNS.map((c) => c.id) as [CallColumnId, ...CallColumnId[]];

const COLUMNS: readonly CallColumn[] = CALL_COLUMNS;

export function isCallColumnId(value: unknown): value is CallColumnId {
  return typeof value === "string" && (CALL_COLUMN_IDS as readonly string[]).includes(value);
}

/** The columns a member may choose from: the cost column only for those who may see costs. */
export function availableColumns(opts: { costs: boolean }): CallColumn[] {
  return COLUMNS.filter((c) => !c.costs || opts.costs);
}

export const DEFAULT_CALL_COLUMNS: CallColumnId[] = COLUMNS.filter((c) => c.defaultVisible).map((c) => c.id);

/**
 * The visible columns, in table order, from a stored choice (anything: stored JSON may be old or
 * hand-edited). Unknown ids are dropped, required columns are always in, and an unusable choice
 * falls back to the defaults. Columns the member may not see are left out.
 */
export function visibleColumns(stored: unknown, opts: { costs: boolean }): CallColumnId[] {
  const chosen = Array.isArray(stored) ? new Set(stored.filter(isCallColumnId)) : null;
  const pick = chosen && chosen.size > 0 ? chosen : new Set(DEFAULT_CALL_COLUMNS);
  return availableColumns(opts)
    .filter((c) => c.required || pick.has(c.id))
    .map((c) => c.id);
}

/** A choice in canonical (table) order without duplicates, as it is stored. */
export function normaliseColumns(ids: readonly CallColumnId[]): CallColumnId[] {
  const set = new Set(ids);
  return COLUMNS.filter((c) => c.required || set.has(c.id)).map((c) => c.id);
}
