"use client";

// The running part of "Export CSV" (loaded at the first click): streams the download, shows progress,
// cancels, and saves only a complete file. Details and props: docs/design-notes.md.
import { XIcon } from "lucide-react";
import { useId } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import { ExportIdleButton, exportDescription, type ExportButtonProps } from "./export-button";
import { count, save, useCsvExport } from "./use-csv-export";

export { exportUrl } from "./use-csv-export";

/** The whole button once loaded; `autoStart` starts the export the click that loaded it asked for. */
export function ExportRunner({ teamId, query, columns, details = true, label = "Export CSV", description, className, autoStart = false }: ExportButtonProps & { autoStart?: boolean }) {
  const descriptionId = useId();
  const describe = description ?? exportDescription(details);
  const { state, now, waiting, retryIn, start, cancel } = useCsvExport({ teamId, query, columns, details, autoStart });
  const running = state.kind === "running";

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
