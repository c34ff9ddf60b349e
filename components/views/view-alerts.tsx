"use client";

import Link from "next/link";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { SavedViewDTO } from "@/lib/views/types";

/** Shown when "Save" met a newer version of the view: reload it, or keep the changes as a new view. */
export function ConflictAlert({ message, canCreate, onReload, onCreate }: { message: string; canCreate: boolean; onReload: () => void; onCreate: () => void }) {
  return (
    <Alert variant="destructive">
      <AlertTitle>Not saved: someone else changed this view</AlertTitle>
      <AlertDescription>
        <p>{message}</p>
        <div className="mt-2 flex flex-wrap gap-2">
          <Button size="sm" variant="outline" onClick={onReload}>
            Reload view
          </Button>
          <Button size="sm" variant="outline" onClick={onCreate} disabled={!canCreate}>
            Save as new view
          </Button>
        </div>
      </AlertDescription>
    </Alert>
  );
}

export type ViewProblem = {
  messages: string[];
  /** Its still-valid filters, to start fixing from (only while the URL carries the invalid ones). */
  editHref: string | null;
};

/** The applied view's stored filters no longer validate: why, and how to fix or delete it. */
export function ProblemAlert({ view, problem, onDelete }: { view: SavedViewDTO; problem: ViewProblem; onDelete: () => void }) {
  return (
    <Alert variant={problem.editHref ? "destructive" : "warning"}>
      <AlertTitle>{problem.editHref ? `The view “${view.name}” cannot be applied as saved` : `Fixing the view “${view.name}”`}</AlertTitle>
      <AlertDescription>
        <p>{problem.editHref ? "Its stored filters are no longer valid, so no calls were loaded:" : "Its stored filters were no longer valid:"}</p>
        <ul className="list-disc pl-5">
          {problem.messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
        {problem.editHref ? null : <p>{view.canEdit ? "Adjust the filters above and click Save to store the fix." : "Adjust the filters above; save them as a view of your own if you like."}</p>}
        <div className="mt-2 flex flex-wrap gap-2">
          {problem.editHref ? (
            <Button asChild size="sm" variant="outline">
              <Link href={problem.editHref}>{view.canEdit ? "Edit filters and save" : "Use its other filters"}</Link>
            </Button>
          ) : null}
          {view.canEdit ? (
            <Button size="sm" variant="outline" onClick={onDelete}>
              Delete view
            </Button>
          ) : null}
        </div>
      </AlertDescription>
    </Alert>
  );
}
