"use client";

// "Export CSV" for the current filters: only a button until the first click, which loads
// ./export-runner. Usage and props: docs/design-notes.md.
import { DownloadIcon } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

export type ExportButtonProps = {
  teamId: string;
  /** The current filters as a URLSearchParams string. */
  query: string;
  /** Column ids: the calls table's visible columns. */
  columns: string[];
  /** Add the variables and the evaluation's other fields (default true). */
  details?: boolean;
  label?: string;
  /** What the file holds, as the button's description (tooltip and screen readers). */
  description?: string;
  className?: string;
};

/** The button's description when none is given: which columns the file has. */
export function exportDescription(details: boolean, columnsText = "the calls table's default columns"): string {
  return details
    ? `Downloads every call matching the filters as a CSV file: ${columnsText} plus, always, the call variables and the other evaluation fields.`
    : `Downloads every call matching the filters as a CSV file: ${columnsText}.`;
}

type Runner = typeof import("./export-runner");
let runner: Promise<Runner> | null = null;
const loadRunner = () => (runner ??= import("./export-runner"));

/** The idle "Export CSV" button with its description (shared with the runner); `onIntent`: hovered or focused. */
export function ExportIdleButton({ label, description, descriptionId, onClick, disabled = false, onIntent }: { label: string; description: string; descriptionId: string; onClick: () => void; disabled?: boolean; onIntent?: () => void }) {
  return (
    <>
      <Button type="button" variant="outline" size="sm" onClick={onClick} disabled={disabled} title={description} aria-describedby={descriptionId} onPointerEnter={onIntent} onFocus={onIntent}>
        <DownloadIcon aria-hidden="true" />
        {label}
      </Button>
      <span id={descriptionId} className="sr-only">
        {description}
      </span>
    </>
  );
}

export function ExportButton(props: ExportButtonProps) {
  const [Loaded, setLoaded] = useState<Runner["ExportRunner"] | null>(null);
  const descriptionId = useId();
  if (Loaded) return <Loaded {...props} autoStart />;
  const { details = true, label = "Export CSV", description, className } = props;
  return (
    <div className={cn("flex flex-col items-end gap-2", className)} data-slot="export-button">
      <div className="flex items-center gap-2">
        <ExportIdleButton
          label={label}
          description={description ?? exportDescription(details)}
          descriptionId={descriptionId}
          onIntent={() => void loadRunner()}
          onClick={() => void loadRunner().then((m) => setLoaded(() => m.ExportRunner))}
        />
      </div>
    </div>
  );
}
