// Turns WhatTalk calls into CSV rows: flattening, formula neutralising, RFC 4180 quoting. Pure.
// Which columns and why: docs/design-notes.md.
import { stringify } from "csv-stringify/sync";
import type { UpstreamCall } from "@/lib/whattalk";
import { wallClockToInstant } from "@/lib/validation/dates";
import { EXPORT_COLUMN_HEADERS, type ExportColumnId } from "./columns";
import { INCOMPLETE_MARKER } from "./marker";

export { INCOMPLETE_MARKER };

export const BOM = "\uFEFF";
export const RECORD_DELIMITER = "\r\n";
export const MAX_DYNAMIC_KEYS = 50;
const MAX_KEY_LENGTH = 64;
const FIXED_EVALUATION_KEYS = new Set(["sentiment", "outcome", "score"]);

export type CsvPlan = {
  columns: readonly ExportColumnId[];
  timeZone: string;
  /** Keys of `variables` that get their own column. */
  variableKeys: readonly string[];
  /** Keys of `evaluation` (besides sentiment, outcome, score) that get their own column. */
  evaluationKeys: readonly string[];
};

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell as a spreadsheet must show it: formula-like text gets a leading apostrophe. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

// Object keys sorted: the same cell whether the call came from WhatTalk or from the call index
// (PostgreSQL's jsonb does not keep key order).
const sortKeys = (_: string, v: unknown) =>
  v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v;
/** JSON with object keys in a fixed order. */
export const stableJson = (value: unknown): string | undefined => JSON.stringify(value, sortKeys);

/** Any value as cell text: null → empty, objects and lists → JSON, text neutralised. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return neutraliseFormula(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  return neutraliseFormula(stableJson(value) ?? "");
}

const usableKey = (k: string) => k.length > 0 && k.length <= MAX_KEY_LENGTH && !/[\r\n]/.test(k);

/** Keys of `variables` and of `evaluation` (other than the fixed three) in some calls, sorted. */
export function discoverKeys(calls: Iterable<Pick<UpstreamCall, "variables" | "evaluation">>): { variableKeys: string[]; evaluationKeys: string[] } {
  const variables = new Set<string>();
  const evaluation = new Set<string>();
  for (const c of calls) {
    for (const k of Object.keys(c.variables ?? {})) if (usableKey(k)) variables.add(k);
    for (const k of Object.keys(c.evaluation ?? {})) if (usableKey(k) && !FIXED_EVALUATION_KEYS.has(k)) evaluation.add(k);
  }
  const sorted = (s: Set<string>) => [...s].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, MAX_DYNAMIC_KEYS);
  return { variableKeys: sorted(variables), evaluationKeys: sorted(evaluation) };
}

/** The header row. */
export function headerRow(plan: CsvPlan): string[] {
  const out = ["id"];
  for (const col of plan.columns) {
    if (col === "evaluation") out.push(...plan.evaluationKeys.map((k) => `evaluation.${k}`));
    else if (col === "variables") out.push("variables", ...plan.variableKeys.map((k) => `variables.${k}`));
    else out.push(...EXPORT_COLUMN_HEADERS[col]);
  }
  return out.map(neutraliseFormula);
}

// Converting a wall-clock time to an instant costs ~0.1 ms (Intl); an export converts every call.
// Zone offsets change on whole hours, so one conversion per hour of the day is reused for the
// minutes and seconds within it.
const hourStarts = new Map<string, number | null>();
const WALL = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;

function utc(local: string | null, timeZone: string): string | null {
  if (!local) return null;
  const m = WALL.exec(local);
  if (!m) return wallClockToInstant(local, timeZone)?.toISOString() ?? null;
  const key = `${timeZone}|${m[1]} ${m[2]}`;
  let start = hourStarts.get(key);
  if (start === undefined) {
    start = wallClockToInstant(`${m[1]} ${m[2]}:00:00`, timeZone)?.getTime() ?? null;
    if (hourStarts.size > 20_000) hourStarts.clear();
    hourStarts.set(key, start);
  }
  if (start === null) return null;
  return new Date(start + Number(m[3]) * 60_000 + Number(m[4]) * 1000).toISOString();
}

/** One call as cells, in header order. */
export function callRow(call: UpstreamCall, plan: CsvPlan): string[] {
  const ev = (call.evaluation ?? {}) as Record<string, unknown>;
  const vars = (call.variables ?? null) as Record<string, unknown> | null;
  const cells: unknown[] = [call.id];
  for (const col of plan.columns) {
    switch (col) {
      case "time":
        cells.push(call.created_at, utc(call.created_at, plan.timeZone));
        break;
      case "updatedAt":
        cells.push(call.updated_at);
        break;
      case "type":
        cells.push(call.type);
        break;
      case "status":
        cells.push(call.status);
        break;
      case "assistant":
        cells.push(call.assistant_id, call.assistant_name);
        break;
      case "campaign":
        cells.push(call.campaign_id, call.campaign_name);
        break;
      case "customerPhone":
        cells.push(call.client_phone_number);
        break;
      case "assistantPhone":
        cells.push(call.assistant_phone_number);
        break;
      case "duration":
        cells.push(call.duration);
        break;
      case "answeredBy":
        cells.push(call.answered_by);
        break;
      case "sentiment":
        cells.push(ev.sentiment);
        break;
      case "outcome":
        cells.push(ev.outcome);
        break;
      case "score":
        cells.push(ev.score);
        break;
      case "evaluation":
        for (const k of plan.evaluationKeys) cells.push(ev[k]);
        break;
      case "cost":
        cells.push(call.carrier_cost, call.total_cost);
        break;
      case "recording":
        cells.push(typeof call.recording_url === "string" && call.recording_url.length > 0);
        break;
      case "variables":
        cells.push(vars === null ? null : stableJson(vars));
        for (const k of plan.variableKeys) cells.push(vars?.[k]);
        break;
      case "transcript":
        cells.push(call.transcript);
        break;
      case "webhook":
        cells.push(call.webhook_response === null || call.webhook_response === undefined ? null : stableJson(call.webhook_response));
        break;
    }
  }
  return cells.map(cellText);
}

/** Rows as RFC 4180 CSV text (CRLF; fields with a comma, quote, CR or LF quoted). */
export function toCsv(rows: string[][]): string {
  if (rows.length === 0) return "";
  return stringify(rows, { record_delimiter: RECORD_DELIMITER, quoted_match: /[\r\n]/, cast: { string: (v) => v } });
}

const thousands = (n: number) => String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** The last line of an export that ended early: one quoted cell, so a spreadsheet shows it whole. */
export function incompleteLine(written: number, total: number, message: string): string {
  const text = `${INCOMPLETE_MARKER}: stopped after ${thousands(written)} of ${thousands(total)} calls — ${message.replace(/[\r\n]+/g, " ")}`;
  return toCsv([[text]]);
}
