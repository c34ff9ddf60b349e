"use client";

// The analytics dashboard body: reads GET /api/teams/{teamId}/analytics (NDJSON) for the current
// filters, shows progress while WhatTalk's pages are read (and when the team's request budget
// makes it wait), then the cards, charts and tables. A change of filters (the `query` prop)
// cancels the running read and starts the new one. Errors are shown with a retry. A page opened
// from another site (`autoRun` false) waits for a click before spending the team's budget.
import { RefreshCwIcon } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import { BreakdownTable } from "@/components/analytics/breakdown-table";
import { CallsPerDayChart, DistributionChart } from "@/components/analytics/charts";
import { SummaryCards } from "@/components/analytics/summary-cards";
import { analyticsUrl } from "@/components/api/team-api";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import type { BreakdownRow } from "@/lib/analytics/aggregate";
import type { AnalyticsLine, AnalyticsProgress, AnalyticsResult } from "@/lib/analytics/types";
import { formatCount } from "@/lib/calls/format";

type State =
  | { kind: "idle" }
  | { kind: "loading"; progress: AnalyticsProgress | null }
  | { kind: "ready"; result: AnalyticsResult }
  | { kind: "error"; message: string; retryAt: number | null; tooMany: boolean };

type Load = { fresh: boolean; nonce: number };

async function readAnalytics(url: string, signal: AbortSignal, onProgress: (p: AnalyticsProgress) => void): Promise<State> {
  const res = await fetch(url, { signal, headers: { Accept: "application/x-ndjson" } });
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string; action?: string; retryAfterSeconds?: number } } | null;
    const retry = body?.error?.retryAfterSeconds;
    const message = body?.error?.message ? [body.error.message, body.error.action].filter(Boolean).join(" ") : `The analytics could not be loaded (HTTP ${res.status}).`;
    return { kind: "error", message, retryAt: retry ? Date.now() + retry * 1000 : null, tooMany: false };
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (value) buffer += value;
    let nl: number;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      const text = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (!text) continue;
      const line = JSON.parse(text) as AnalyticsLine;
      if (line.type === "progress") onProgress(line);
      else if (line.type === "result") return { kind: "ready", result: line.result };
      else
        return {
          kind: "error",
          message: line.message,
          retryAt: line.retryAfterSeconds ? Date.now() + line.retryAfterSeconds * 1000 : null,
          tooMany: line.details?.reason === "too_many_calls",
        };
    }
    if (done) break;
  }
  return { kind: "error", message: "The connection ended before the analytics were complete. Try again.", retryAt: null, tooMany: false };
}

function formatTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso));
}

/** Render with `key={query}`: new filters remount it (the running read is cancelled). */
export function AnalyticsView({ teamId, query, initial, autoRun = true }: { teamId: string; query: string; initial: AnalyticsResult | null; autoRun?: boolean }) {
  const [load, setLoad] = useState<Load>({ fresh: false, nonce: 0 });
  const [state, setState] = useState<State>(initial ? { kind: "ready", result: initial } : autoRun ? { kind: "loading", progress: null } : { kind: "idle" });
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if ((initial || !autoRun) && load.nonce === 0) return; // a cached result from the server page, or waiting for a click
    const controller = new AbortController();
    const params = new URLSearchParams(query);
    if (load.fresh) params.set("fresh", "1");
    readAnalytics(analyticsUrl(teamId, params), controller.signal, (progress) => setState({ kind: "loading", progress }))
      .then((next) => {
        if (!controller.signal.aborted) setState(next);
      })
      .catch(() => {
        if (!controller.signal.aborted) setState({ kind: "error", message: "Could not reach the portal. Check your connection and try again.", retryAt: null, tooMany: false });
      });
    return () => controller.abort();
  }, [teamId, query, initial, autoRun, load]);

  const ticking = (state.kind === "loading" && state.progress?.resumesAt) || (state.kind === "error" && state.retryAt);
  useEffect(() => {
    if (!ticking) return;
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, [ticking]);

  const reload = useCallback((fresh: boolean) => {
    setState({ kind: "loading", progress: null });
    setLoad((l) => ({ fresh, nonce: l.nonce + 1 }));
  }, []);

  if (state.kind === "idle") return <RunPrompt onRun={() => reload(false)} />;
  if (state.kind === "loading") return <ProgressPanel progress={state.progress} now={now} />;
  if (state.kind === "error") return <ErrorPanel error={state} now={now} onRetry={() => reload(false)} />;
  return <ResultView result={state.result} onRefresh={() => reload(true)} />;
}

function RunPrompt({ onRun }: { onRun: () => void }) {
  return (
    <Alert>
      <AlertTitle>Run these analytics?</AlertTitle>
      <AlertDescription>
        <p>This page was opened from another site. Analytics read every matching call from WhatTalk, which uses the team&apos;s request budget, so they start only when you ask.</p>
        <p className="mt-2">
          <Button type="button" size="sm" onClick={onRun}>
            Run analytics
          </Button>
        </p>
      </AlertDescription>
    </Alert>
  );
}

function ProgressPanel({ progress: p, now }: { progress: AnalyticsProgress | null; now: number }) {
  const waitingFor = p?.resumesAt ? Math.max(1, Math.ceil((Date.parse(p.resumesAt) - now) / 1000)) : 0;
  return (
    <section aria-labelledby="analytics-progress" className="space-y-4" aria-busy="true">
      <div role="status" aria-live="polite" className="flex flex-col gap-2 rounded-lg border p-4">
        <h2 id="analytics-progress" className="text-sm font-medium">
          {p && p.total > 0 ? `Reading calls from WhatTalk: ${formatCount(p.fetched)} of ${formatCount(p.total)}` : "Reading calls from WhatTalk…"}
        </h2>
        <progress className="h-2 w-full overflow-hidden rounded-full [&::-webkit-progress-bar]:bg-muted [&::-webkit-progress-value]:bg-primary" max={p && p.total > 0 ? p.total : undefined} value={p && p.total > 0 ? p.fetched : undefined} aria-label="Analytics progress" />
        {waitingFor ? (
          <p className="text-sm text-muted-foreground">
            Waiting for the team&apos;s WhatTalk request budget (shared with everyone in the team): resumes in {waitingFor} s.
          </p>
        ) : null}
      </div>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-hidden="true">
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} className="h-24" />
        ))}
      </div>
      <Skeleton className="h-72" />
    </section>
  );
}

function ErrorPanel({ error, now, onRetry }: { error: Extract<State, { kind: "error" }>; now: number; onRetry: () => void }) {
  const retryIn = error.retryAt ? Math.max(0, Math.ceil((error.retryAt - now) / 1000)) : 0;
  return (
    <Alert variant="destructive">
      <AlertTitle>{error.tooMany ? "Too many calls for analytics" : "The analytics could not be computed"}</AlertTitle>
      <AlertDescription>
        <p>{error.message}</p>
        {retryIn > 0 ? <p>Try again in {retryIn} s.</p> : null}
        <p className="mt-2">
          <Button type="button" size="sm" variant="outline" onClick={onRetry} disabled={retryIn > 0}>
            Try again
          </Button>
        </p>
      </AlertDescription>
    </Alert>
  );
}

function ResultView({ result, onRefresh }: { result: AnalyticsResult; onRefresh: () => void }) {
  const { data, meta } = result;
  return (
    <div className="space-y-6" data-testid="analytics-result">
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted-foreground">
        <span>
          {formatCount(data.totalCalls)} calls from {meta.from} to {meta.to} ({meta.timeZone}),{" "}
          {meta.source === "index" && meta.asOf
            ? `from the call index, up to date as of ${formatTime(meta.asOf, meta.timeZone)}${meta.cached ? ` (kept for ${Math.round(meta.cacheSeconds / 60)} minutes)` : ""}.`
            : `read from WhatTalk at ${formatTime(meta.computedAt, meta.timeZone)}${meta.cached ? ` (kept for ${Math.round(meta.cacheSeconds / 60)} minutes)` : ` with ${formatCount(meta.requests)} request${meta.requests === 1 ? "" : "s"}`}.`}
        </span>
        <Button type="button" size="sm" variant="ghost" onClick={onRefresh}>
          <RefreshCwIcon aria-hidden="true" />
          Refresh
        </Button>
      </p>
      <SummaryCards data={data} />
      <Card>
        <CardContent>
          <CallsPerDayChart days={data.perDay} />
          {data.undated ? <p className="mt-2 text-xs text-muted-foreground">{formatCount(data.undated)} calls without a start time are not in this chart.</p> : null}
        </CardContent>
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardContent>
            <DistributionChart id="sentiment" title="Sentiment" items={data.sentiment} color="var(--chart-2)" />
          </CardContent>
        </Card>
        <Card>
          <CardContent>
            <DistributionChart id="outcome" title="Outcome" items={data.outcome} color="var(--chart-1)" />
          </CardContent>
        </Card>
      </div>
      <BreakdownCard noun="assistant" rows={data.assistants} costs={data.cost !== null} />
      <BreakdownCard noun="campaign" rows={data.campaigns} costs={data.cost !== null} />
    </div>
  );
}

function BreakdownCard({ noun, rows, costs }: { noun: "assistant" | "campaign"; rows: BreakdownRow[]; costs: boolean }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>{`By ${noun}`}</h2>
        </CardTitle>
      </CardHeader>
      <CardContent>
        <BreakdownTable title={`Calls by ${noun}`} nameHeader={noun === "assistant" ? "Assistant" : "Campaign"} rows={rows} costs={costs} />
      </CardContent>
    </Card>
  );
}
