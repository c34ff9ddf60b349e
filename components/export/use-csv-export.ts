"use client";

// The state of one CSV export in the browser: starts the streamed download, follows its progress,
// cancels, and saves only a complete file (details: docs/design-notes.md).
import { useEffect, useRef, useState } from "react";
import { callsExportUrl, getExportProgress } from "@/components/api/team-api";
import { toast } from "@/components/ui/sonner";
import { EXPORT_DETAIL_COLUMNS } from "@/lib/export/columns";
import { createCsvCounter, incompleteMessage } from "@/lib/export/csv-counter";

export type ExportState =
  | { kind: "idle" }
  | { kind: "running"; rows: number; total: number | null; resumesAt: number | null }
  | { kind: "failed"; message: string; retryAt: number | null }
  | { kind: "incomplete"; message: string; rows: number; file: { url: string; name: string } };

export const count = (n: number) => String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

function fileNameOf(res: Response): string {
  const cd = res.headers.get("content-disposition") ?? "";
  return /filename="([^"]+)"/.exec(cd)?.[1] ?? "calls.csv";
}

export function save(url: string, name: string) {
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** The export's URL for the filters and columns (exported for tests and for a plain link). */
export function exportUrl(teamId: string, query: string, columns: string[], details = true): string {
  const params = new URLSearchParams(query);
  for (const k of ["page", "per_page", "columns", "sort"]) params.delete(k);
  const cols = [...new Set([...columns, ...(details ? EXPORT_DETAIL_COLUMNS : [])])];
  if (cols.length) params.set("columns", cols.join(","));
  return callsExportUrl(teamId, params);
}

/** A refused export's state, from the error body (with the wait before a retry, if any). */
async function failedState(res: Response): Promise<ExportState> {
  const body = (await res.json().catch(() => null)) as { error?: { message?: string; retryAfterSeconds?: number } } | null;
  const retry = body?.error?.retryAfterSeconds;
  return { kind: "failed", message: body?.error?.message ?? `The export failed (HTTP ${res.status}).`, retryAt: retry ? Date.now() + retry * 1000 : null };
}

/** Asks for the export's progress every second (best effort): when it waits for the budget, until when. */
function pollProgress(teamId: string, exportId: string, signal: AbortSignal, onResumesAt: (at: number | null) => void) {
  return setInterval(async () => {
    try {
      const p = await getExportProgress(teamId, exportId, signal);
      if (!p.ok) return;
      const body = p.data;
      onResumesAt(body.state === "waiting" && body.resumesAt ? Date.parse(body.resumesAt) : null);
    } catch {
      // progress is best effort
    }
  }, 1000);
}

/** Reads the streamed CSV to its end, counting rows as they come (`onRows` after each chunk); the file, its rows and why it is incomplete. */
async function readCsv(body: ReadableStream<Uint8Array>, onRows: (rows: number) => void): Promise<{ url: string; rows: number; failure: string | null }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const counter = createCsvCounter();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value as Uint8Array<ArrayBuffer>);
    counter.push(decoder.decode(value, { stream: true }));
    onRows(Math.max(0, counter.records - 1));
  }
  counter.push(decoder.decode());
  const url = URL.createObjectURL(new Blob(chunks, { type: "text/csv;charset=utf-8" }));
  const failure = incompleteMessage(counter.lastRecord());
  return { url, rows: Math.max(0, counter.records - 1 - (failure ? 1 : 0)), failure };
}

/** Runs the export once the response arrived: progress into `setState`, then the file saved, or kept as incomplete. */
async function download(res: Response & { body: ReadableStream<Uint8Array> }, teamId: string, signal: AbortSignal, setState: (update: (s: ExportState) => ExportState) => void, keepPartial: (url: string) => void) {
  const total = Number(res.headers.get("x-export-total") ?? "NaN");
  const exportId = res.headers.get("x-export-id");
  const name = fileNameOf(res);
  let rows = 0;
  let resumesAt: number | null = null;
  const update = () => setState((s) => (s.kind === "running" ? { kind: "running", rows, total: Number.isFinite(total) ? total : null, resumesAt } : s));
  const poll = exportId
    ? pollProgress(teamId, exportId, signal, (at) => {
        resumesAt = at;
        update();
      })
    : undefined;
  let lastPaint = 0;
  try {
    const file = await readCsv(res.body, (n) => {
      rows = n;
      if (Date.now() - lastPaint > 150) {
        lastPaint = Date.now();
        update();
      }
    });
    if (file.failure) {
      keepPartial(file.url);
      setState(() => ({ kind: "incomplete", message: file.failure!, rows: file.rows, file: { url: file.url, name: name.replace(/\.csv$/, "_INCOMPLETE.csv") } }));
      return;
    }
    save(file.url, name);
    setTimeout(() => URL.revokeObjectURL(file.url), 60_000);
    setState(() => ({ kind: "idle" }));
    toast.success(`Exported ${count(file.rows)} call${file.rows === 1 ? "" : "s"} to ${name}.`);
  } finally {
    clearInterval(poll);
  }
}

/** One export's state and its `start`/`cancel`; `autoStart` starts it on the first mount. */
export function useCsvExport({ teamId, query, columns, details, autoStart }: { teamId: string; query: string; columns: string[]; details: boolean; autoStart: boolean }) {
  const [state, setState] = useState<ExportState>({ kind: "idle" });
  const [now, setNow] = useState(() => Date.now());
  const abortRef = useRef<AbortController | null>(null);
  const partialUrl = useRef<string | null>(null);
  const waiting = state.kind === "running" && state.resumesAt !== null && state.resumesAt > now;
  const retryIn = state.kind === "failed" && state.retryAt ? Math.max(0, Math.ceil((state.retryAt - now) / 1000)) : 0;

  // A clock for the "resumes in N s" and "try again in N s" texts.
  useEffect(() => {
    if (!waiting && !(state.kind === "failed" && state.retryAt)) return;
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, [waiting, state]);

  useEffect(
    () => () => {
      abortRef.current?.abort();
      if (partialUrl.current) URL.revokeObjectURL(partialUrl.current);
    },
    [],
  );

  async function start() {
    if (partialUrl.current) URL.revokeObjectURL(partialUrl.current);
    partialUrl.current = null;
    const controller = new AbortController();
    abortRef.current = controller;
    setState({ kind: "running", rows: 0, total: null, resumesAt: null });
    try {
      const res = await fetch(exportUrl(teamId, query, columns, details), { signal: controller.signal, headers: { Accept: "text/csv" } });
      if (!res.ok || !res.body) {
        setState(await failedState(res));
        return;
      }
      await download(res as Response & { body: ReadableStream<Uint8Array> }, teamId, controller.signal, setState, (url) => (partialUrl.current = url));
    } catch (error) {
      if (controller.signal.aborted) {
        setState({ kind: "idle" });
        toast.info("Export cancelled: no file was saved.");
        return;
      }
      setState({ kind: "failed", message: error instanceof Error && error.message ? `The download was interrupted (${error.message}). Try again.` : "The download was interrupted. Try again.", retryAt: null });
    } finally {
      if (abortRef.current === controller) abortRef.current = null;
    }
  }

  const started = useRef(false);
  useEffect(() => {
    if (!autoStart || started.current) return;
    started.current = true;
    void start();
    // Only the first mount starts (the click that loaded this module).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return { state, now, waiting, retryIn, start, cancel: () => abortRef.current?.abort() };
}
