// The search index's state as facts: state, reason, counts, dates, budget, retention. Server-rendered;
// dates come formatted in the team's time zone by the page.
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import type { IndexState, IndexStatusDTO } from "@/lib/call-index/types";

const BADGE: Record<IndexState, "success" | "warning" | "destructive" | "info" | "secondary"> = {
  up_to_date: "success",
  backfilling: "info",
  paused: "warning",
  failing: "destructive",
  not_started: "secondary",
  off: "secondary",
};

/** Dates already formatted by the page (null: never / none). */
export type IndexDates = { oldest: string | null; newest: string | null; lastSync: string | null; reachesBackTo: string | null; errorAt: string | null; rebuildRequestedAt: string | null };

const n = (v: number) => v.toLocaleString("en-US");

export function IndexStatusPanel({ status, dates }: { status: IndexStatusDTO; dates: IndexDates }) {
  const { budget } = status;
  return (
    <div className="space-y-4">
      <div className="space-y-2">
        <p className="flex items-center gap-2">
          <Badge variant={BADGE[status.state]} data-testid="index-state">
            {status.label}
          </Badge>
        </p>
        <p className="text-sm text-muted-foreground">{status.explanation}</p>
      </div>
      {status.error ? (
        <Alert variant="destructive">
          <AlertTitle>Last sync failed{dates.errorAt ? ` (${dates.errorAt})` : ""}</AlertTitle>
          <AlertDescription>
            {status.error.message}
            {status.error.failuresInARow > 1 ? ` ${status.error.failuresInARow} failures in a row.` : ""}
          </AlertDescription>
        </Alert>
      ) : null}
      {dates.rebuildRequestedAt ? (
        <Alert>
          <AlertTitle>Rebuild requested ({dates.rebuildRequestedAt})</AlertTitle>
          <AlertDescription>
            {status.paused
              ? "When the sync is resumed, its next run deletes the index and copies the calls again from WhatTalk."
              : "The sync's next run deletes the index and copies the calls again from WhatTalk. Until then search answers from the current index."}
          </AlertDescription>
        </Alert>
      ) : null}
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-muted-foreground">Calls indexed</dt>
        <dd className="font-medium">{n(status.callsIndexed)}</dd>
        <dt className="text-muted-foreground">Oldest call</dt>
        <dd>{dates.oldest ?? "None"}</dd>
        <dt className="text-muted-foreground">Newest call</dt>
        <dd>{dates.newest ?? "None"}</dd>
        {dates.reachesBackTo ? (
          <>
            <dt className="text-muted-foreground">Reaches back to</dt>
            <dd>{dates.reachesBackTo}</dd>
          </>
        ) : null}
        <dt className="text-muted-foreground">Last sync</dt>
        <dd>{dates.lastSync ?? "Never"}</dd>
        <dt className="text-muted-foreground">Budget used</dt>
        <dd>
          {n(budget.usedThisMinute)} of {n(budget.allowedPerMinute)} requests this minute ({Math.round(budget.share * 100)} % of the team&apos;s {n(budget.teamPerMinute)} a
          minute); {n(budget.usedTotal)} in all
        </dd>
        <dt className="text-muted-foreground">Retention</dt>
        <dd>{status.retentionDays === null ? "Off" : `${n(status.retentionDays)} days`}</dd>
      </dl>
    </div>
  );
}
