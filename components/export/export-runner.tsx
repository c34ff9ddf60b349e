"use client";

// The running part of "Export CSV" (loaded at the first click): streams the download, shows progress,
// cancels, and saves only a complete file. Details and props: docs/design-notes.md.
import { XIcon } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { callsExportUrl, getExportProgress } from "@/components/api/team-api";
import { toast } from "@/components/ui/sonner";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EXPORT_DETAIL_COLUMNS } from "@/lib/export/columns";
import { createCsvCounter, incompleteMessage } from "@/lib/export/csv-counter";
import { cn } from "@/lib/utils";
import { ExportIdleButton, exportDescription, type ExportButtonProps } from "./export-button";

type State =
  | { kind: "idle" }
  | { kind: "running"; rows: number; total: number | null; resumesAt: number | null }
  | { kind: "failed"; message: string; retryAt: number | null }
  | { kind: "incomplete"; message: string; rows: number; file: { url: string; name: string } };

const count = (n: number) => String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

function fileNameOf(res: Response): string {
  const cd = res.headers.get("content-disposition") ?? "";
  return /filename="([^"]+)"/.exec(cd)?.[1] ?? "calls.csv";
}

function save(url: string, name: string) {
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

/** The whole button once loaded; `autoStart` starts the export the click that loaded it asked for. */
export function ExportRunner({ teamId, query, columns, details = true, label = "Export CSV", description, className, autoStart = false }: ExportButtonProps & { autoStart?: boolean }) {
  const [state, setState] = useState<State>({ kind: "idle" });
  const descriptionId = useId();
  const describe = description ?? exportDescription(details);
  const [now, setNow] = useState(() => Date.now());
  const abortRef = useRef<AbortController | null>(null);
  const partialUrl = useRef<string | null>(null);

  const running = state.kind === "running";
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

  const started = useRef(false);
  useEffect(() => {
    if (!autoStart || started.current) return;
    started.current = true;
    void start();
    // Only the first mount starts (the click that loaded this module).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function start() {
    if (partialUrl.current) URL.revokeObjectURL(partialUrl.current);
    partialUrl.current = null;
    const controller = new AbortController();
    abortRef.current = controller;
    setState({ kind: "running", rows: 0, total: null, resumesAt: null });
    let poll: ReturnType<typeof setInterval> | undefined;
    try {
      const res = await fetch(exportUrl(teamId, query, columns, details), { signal: controller.signal, headers: { Accept: "text/csv" } });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string; retryAfterSeconds?: number } } | null;
        const retry = body?.error?.retryAfterSeconds;
        setState({ kind: "failed", message: body?.error?.message ?? `The export failed (HTTP ${res.status}).`, retryAt: retry ? Date.now() + retry * 1000 : null });
        return;
      }
      const total = Number(res.headers.get("x-export-total") ?? "NaN");
      const exportId = res.headers.get("x-export-id");
      const name = fileNameOf(res);
      let rows = 0;
      let resumesAt: number | null = null;
      const update = () => setState((s) => (s.kind === "running" ? { kind: "running", rows, total: Number.isFinite(total) ? total : null, resumesAt } : s));
      if (exportId) {
        poll = setInterval(async () => {
          try {
            const p = await getExportProgress(teamId, exportId, controller.signal);
            if (!p.ok) return;
            const body = p.data;
            resumesAt = body.state === "waiting" && body.resumesAt ? Date.parse(body.resumesAt) : null;
            update();
          } catch {
            // progress is best effort
          }
        }, 1000);
      }

      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      const counter = createCsvCounter();
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let lastPaint = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value as Uint8Array<ArrayBuffer>);
        counter.push(decoder.decode(value, { stream: true }));
        rows = Math.max(0, counter.records - 1);
        if (Date.now() - lastPaint > 150) {
          lastPaint = Date.now();
          update();
        }
      }
      counter.push(decoder.decode());
      const blob = new Blob(chunks, { type: "text/csv;charset=utf-8" });
      const url = URL.createObjectURL(blob);
      const failure = incompleteMessage(counter.lastRecord());
      rows = Math.max(0, counter.records - 1 - (failure ? 1 : 0));
      if (failure) {
        partialUrl.current = url;
        setState({ kind: "incomplete", message: failure, rows, file: { url, name: name.replace(/\.csv$/, "_INCOMPLETE.csv") } });
        return;
      }
      save(url, name);
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState({ kind: "idle" });
      toast.success(`Exported ${count(rows)} call${rows === 1 ? "" : "s"} to ${name}.`);
    } catch (error) {
      if (controller.signal.aborted) {
        setState({ kind: "idle" });
        toast.info("Export cancelled: no file was saved.");
        return;
      }
      setState({ kind: "failed", message: error instanceof Error && error.message ? `The download was interrupted (${error.message}). Try again.` : "The download was interrupted. Try again.", retryAt: null });
    } finally {
      clearInterval(poll);
      if (abortRef.current === controller) abortRef.current = null;
    }
  }

  function cancel() {
    abortRef.current?.abort();
  }

  return (
    <div className={cn("flex flex-col items-end gap-2", className)} data-slot="export-button">
      <div className="flex items-center gap-2">
        {running ? (
          <Button type="button" variant="outline" size="sm" onClick={cancel}>
            <XIcon aria-hidden="true" />
            Cancel export
          </Button>
        ) : (
          <ExportIdleButton label={label} description={describe} descriptionId={descriptionId} onClick={start} disabled={retryIn > 0} />
        )}
      </div>
      <div role="status" aria-live="polite" className="text-right text-xs text-muted-foreground empty:hidden">
        {state.kind === "running" ? (
          <span className="flex items-center gap-2">
            <progress
              className="h-1.5 w-32 overflow-hidden rounded-full [&::-webkit-progress-bar]:bg-muted [&::-webkit-progress-value]:bg-primary"
              max={state.total ?? undefined}
              value={state.total ? Math.min(state.rows, state.total) : undefined}
              aria-label="Export progress"
            />
            <span>
              {state.total === null ? "Starting export…" : `Exporting ${count(state.rows)} of ${count(state.total)} calls…`}
              {waiting && state.resumesAt ? ` Waiting for the team's WhatTalk request budget: resumes in ${Math.max(1, Math.ceil((state.resumesAt - now) / 1000))} s.` : ""}
            </span>
          </span>
        ) : null}
      </div>
      {state.kind === "failed" ? (
        <Alert variant="destructive" className="max-w-md">
          <AlertTitle>Export failed</AlertTitle>
          <AlertDescription>
            {state.message}
            {retryIn > 0 ? ` You can try again in ${retryIn} s.` : ""}
          </AlertDescription>
        </Alert>
      ) : null}
      {state.kind === "incomplete" ? (
        <Alert variant="destructive" className="max-w-md">
          <AlertTitle>Export incomplete</AlertTitle>
          <AlertDescription>
            <p>
              Only {count(state.rows)} calls were exported: {state.message}
            </p>
            <p className="mt-2 flex flex-wrap gap-2">
              <Button type="button" size="sm" variant="outline" onClick={start}>
                Try again
              </Button>
              <Button type="button" size="sm" variant="ghost" onClick={() => save(state.file.url, state.file.name)}>
                Save the incomplete file
              </Button>
            </p>
          </AlertDescription>
        </Alert>
      ) : null}
    </div>
  );
}
