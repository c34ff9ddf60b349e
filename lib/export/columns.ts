// The CSV export's columns. The ids are the calls table's (lib/calls/columns.ts), so the calls page
// can pass its visible columns as they are, plus a few export-only ids for what the table does not
// show. Every id expands to one or more CSV columns named after WhatTalk's own fields (stable,
// documented names a spreadsheet or a script can rely on). Safe for client bundles.
import { CALL_COLUMN_IDS, DEFAULT_CALL_COLUMNS, type CallColumnId } from "@/lib/calls/columns";

export const EXPORT_ONLY_COLUMNS = [
  { id: "updatedAt", label: "Updated at" },
  { id: "assistantPhone", label: "Assistant phone" },
  { id: "evaluation", label: "Other evaluation fields" },
  { id: "recording", label: "Has recording" },
  { id: "variables", label: "Variables" },
  { id: "transcript", label: "Transcript" },
  { id: "webhook", label: "Webhook response" },
] as const;

export type ExportOnlyColumnId = (typeof EXPORT_ONLY_COLUMNS)[number]["id"];
export type ExportColumnId = CallColumnId | ExportOnlyColumnId;

/**
 * Canonical order of the CSV (whatever order the request lists them in) and the CSV headers each
 * id gives. `evaluation` and `variables` add one column per key found (see lib/export/csv.ts).
 * `id` is always the first column and not listed here.
 */
export const EXPORT_COLUMN_HEADERS: Record<ExportColumnId, readonly string[]> = {
  time: ["created_at", "created_at_utc"],
  updatedAt: ["updated_at"],
  type: ["type"],
  status: ["status"],
  assistant: ["assistant_id", "assistant_name"],
  campaign: ["campaign_id", "campaign_name"],
  customerPhone: ["client_phone_number"],
  assistantPhone: ["assistant_phone_number"],
  duration: ["duration"],
  answeredBy: ["answered_by"],
  sentiment: ["evaluation.sentiment"],
  outcome: ["evaluation.outcome"],
  score: ["evaluation.score"],
  evaluation: [],
  cost: ["carrier_cost", "total_cost"],
  recording: ["has_recording"],
  variables: ["variables"],
  transcript: ["transcript"],
  webhook: ["webhook_response"],
};

export const EXPORT_COLUMN_ORDER = Object.keys(EXPORT_COLUMN_HEADERS) as ExportColumnId[];

/** Columns that need `calls:costs`. */
export const COST_COLUMNS: readonly ExportColumnId[] = ["cost"];

/** What an export holds when the request names no columns: the table's default columns, the evaluation's other fields and the variables. */
export const DEFAULT_EXPORT_COLUMNS: ExportColumnId[] = [...DEFAULT_CALL_COLUMNS, "evaluation", "variables"];

/** Detail columns the Export button adds to the table's visible columns (see components/export/export-button.tsx). */
export const EXPORT_DETAIL_COLUMNS: ExportColumnId[] = ["evaluation", "variables"];

export function isExportColumnId(value: string): value is ExportColumnId {
  return (CALL_COLUMN_IDS as readonly string[]).includes(value) || EXPORT_ONLY_COLUMNS.some((c) => c.id === value);
}

/**
 * Reads `columns` from the query: comma-separated and/or repeated (`columns=a,b&columns=c`).
 * Unknown ids are errors; absent or empty means the default set. Cost columns are left out for
 * roles without `calls:costs`. Returns canonical order without duplicates.
 */
export function parseExportColumns(raw: readonly string[], opts: { costs: boolean }): { ok: true; columns: ExportColumnId[] } | { ok: false; unknown: string[] } {
  const ids = raw
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  const unknown = ids.filter((id) => !isExportColumnId(id));
  if (unknown.length) return { ok: false, unknown: [...new Set(unknown)] };
  const chosen = new Set<string>(ids.length ? ids : DEFAULT_EXPORT_COLUMNS);
  return { ok: true, columns: EXPORT_COLUMN_ORDER.filter((id) => chosen.has(id) && (opts.costs || !COST_COLUMNS.includes(id))) };
}
