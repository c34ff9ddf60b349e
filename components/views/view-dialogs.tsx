"use client";

import * as React from "react";

import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { whenIdle } from "@/components/ui/lazy-overlay";
import type { SavedViewDTO } from "@/lib/views/types";
import type { ViewsDialog } from "./use-saved-views";
import type { ViewNameResult } from "./view-name-dialog";

// Loaded when the page is idle (or at the first "Save as new view" or "Rename"), not with the calls page.
const loadNameDialog = () => import("./view-name-dialog");
const ViewNameDialog = React.lazy(() => loadNameDialog().then((m) => ({ default: m.ViewNameDialog })));

/** The toolbar's dialogs: "Save as new view", "Rename view" and the delete confirmation. */
export function ViewDialogs({
  dialog,
  setDialog,
  applied,
  canShare,
  busy,
  onCreate,
  onRename,
  onRemove,
}: {
  dialog: ViewsDialog;
  setDialog: (dialog: ViewsDialog) => void;
  applied: SavedViewDTO | null;
  canShare: boolean;
  busy: boolean;
  onCreate: (name: string, share: boolean) => Promise<ViewNameResult>;
  onRename: (view: SavedViewDTO, name: string) => Promise<ViewNameResult>;
  onRemove: (view: SavedViewDTO) => void;
}) {
  // The name dialogs mount at their first use and then stay (so they can animate closed).
  const [nameDialogsUsed, setNameDialogsUsed] = React.useState(false);
  React.useEffect(() => whenIdle(() => void loadNameDialog()), []);
  if (!nameDialogsUsed && (dialog?.kind === "create" || dialog?.kind === "rename")) setNameDialogsUsed(true);
  const close = (open: boolean) => {
    if (!open) setDialog(null);
  };

  return (
    <>
      {nameDialogsUsed ? (
        <React.Suspense fallback={null}>
          <ViewNameDialog
            open={dialog?.kind === "create"}
            onOpenChange={(o) => setDialog(o ? { kind: "create" } : null)}
            title="Save as new view"
            description="The current filters, page size and columns, under a name."
            submitLabel="Save view"
            initialName={applied ? `${applied.name} (copy)` : ""}
            canShare={canShare}
            onSubmit={({ name, share }) => onCreate(name, share)}
          />
          <ViewNameDialog
            open={dialog?.kind === "rename"}
            onOpenChange={close}
            title="Rename view"
            description={dialog?.kind === "rename" && dialog.view.visibility === "TEAM" ? "The new name shows for everyone in the team." : "Only the name changes."}
            submitLabel="Rename"
            initialName={dialog?.kind === "rename" ? dialog.view.name : ""}
            // The latest copy of the view (a retry after a conflict uses the refreshed version).
            onSubmit={async ({ name }) => (dialog?.kind === "rename" ? onRename(applied?.id === dialog.view.id ? applied : dialog.view, name) : undefined)}
          />
        </React.Suspense>
      ) : null}
      <AlertDialog open={dialog?.kind === "delete"} onOpenChange={close}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>{dialog?.kind === "delete" ? `Delete the view “${dialog.view.name}”?` : "Delete the view?"}</AlertDialogTitle>
            <AlertDialogDescription>
              {dialog?.kind === "delete" && dialog.view.visibility === "TEAM"
                ? "It disappears for everyone in the team. Where it was a default, the next default applies (the member's own, then the team's, then none)."
                : "It disappears from your views. The calls themselves are not affected."}
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              variant="destructive"
              disabled={busy}
              onClick={(e) => {
                e.preventDefault();
                if (dialog?.kind === "delete") onRemove(dialog.view);
              }}
            >
              Delete view
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </>
  );
}
