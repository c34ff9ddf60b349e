"use client";

import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { GlobeIcon, PhoneIncomingIcon, PhoneOutgoingIcon } from "lucide-react";

import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { CallColumnId } from "@/lib/calls/columns";
import type { CallDTO } from "@/lib/calls/dto";
import { EMPTY, formatCallTime, formatCallTimeFull, formatCost, formatCount, formatDuration, formatScore, humanize } from "@/lib/calls/format";
import { callDetailHref, searchOfListQuery } from "@/lib/calls/links";
import type { CallListResult } from "@/lib/calls/types";
import { cn } from "@/lib/utils";
import { ExportButton, exportDescription } from "@/components/export/export-button";
import { CallsPagination } from "./calls-pagination";
import { ColumnChooser } from "./column-chooser";
import { SORT_LABELS } from "./index-filter-fields";
import { IndexSourceNote } from "./index-source";
import { MarkedText } from "./marked-text";
import { useCallColumns } from "./columns-context";
import { useReportOutcomes } from "./seen-outcomes";
import type { RawFilters } from "./list-query";
import { CallStatusBadge } from "./status-badge";

/** How often a page showing live calls refreshes them. */
export const LIVE_REFRESH_MS = 5_000;

export type CallsTableProps = {
  teamId: string;
  teamSlug: string;
  timeZone: string;
  /** The current year in the team's time zone (older times show their year). */
  currentYear: number;
  /** The server-rendered page: shown as is, and the seed of the live refresh. */
  initial: CallListResult;
  /** The list's query string (the filters applied and paging), for the refresh. */
  query: string;
  /** The list's URL query as shown (with the saved view), for the rows' way back; `query` when left out. */
  backQuery?: string;
  /** Offer "Export CSV" of the current filters and visible columns (`calls:export`). */
  canExport?: boolean;
  /**
   * The list's filters and view as shown, for the pagination under the table. Given, the table
   * renders the pagination from the same (live) data, so "1–25 of N" and the page count follow
   * the refreshes.
   */
  paginationValues?: RawFilters;
};

const LiveRefresh = React.lazy(() => import("./live-refresh"));

function ageText(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

/** How many calls, how many are live (and whether refreshing them works), and whether the list is a cached copy. */
function ListStatus({ data, liveCount, refreshFailed }: { data: CallListResult; liveCount: number; refreshFailed: boolean }) {
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted-foreground">
      <p>
        <span className="font-medium text-foreground">{formatCount(data.total)}</span> {data.total === 1 ? "call" : "calls"}
      </p>
      {liveCount ? (
        <p className="flex items-center gap-1.5" role="status">
          <span className="relative flex size-2" aria-hidden="true">
            <span className="absolute inline-flex size-full animate-ping rounded-full bg-primary opacity-60 motion-reduce:animate-none" />
            <span className="relative inline-flex size-2 rounded-full bg-primary" />
          </span>
          {refreshFailed ? "Live updates paused: the list could not be refreshed. Retrying…" : `${liveCount} live ${liveCount === 1 ? "call" : "calls"}, refreshing every ${LIVE_REFRESH_MS / 1000} s`}
        </p>
      ) : null}
      {data.meta.cache === "stale" ? (
        <p title="The team's request budget for WhatTalk is spent for the moment, so a recent copy is shown.">{`Cached ${ageText(data.meta.ageSeconds)} ago`}</p>
      ) : null}
    </div>
  );
}

/**
 * The calls table. Rendered on the server with the server's data; while the page shows calls that
 * are still in progress it polls the calls route handler (bypassing the cache) every few seconds,
 * and stops when none are live. Whole rows open the call; the time is a real link.
 */
export function CallsTable({ teamId, teamSlug, timeZone, currentYear, initial, query, backQuery = query, canExport = false, paginationValues }: CallsTableProps) {
  const router = useRouter();
  // The server's page until the live refresh (loaded only when the page has live calls) reports.
  const [live, setLive] = React.useState<{ seed: CallListResult; data: CallListResult; failed: boolean } | null>(null);
  const current = live?.seed === initial ? live : null;
  const data = current?.data ?? initial;
  const error = current?.failed ?? false;
  const onUpdate = React.useCallback((next: CallListResult, failed: boolean) => setLive({ seed: initial, data: next, failed }), [initial]);
  const refresh = initial.calls.some((c) => c.live) ? (
    <React.Suspense fallback={null}>
      <LiveRefresh teamId={teamId} query={query} initial={initial} intervalMs={LIVE_REFRESH_MS} onUpdate={onUpdate} />
    </React.Suspense>
  ) : null;

  // The member's preference, or the applied saved view's columns (see columns-context.tsx).
  const { available: columns, visible, setShown: onColumnChange } = useCallColumns();
  // The filter bar offers the outcomes of these rows.
  useReportOutcomes(data.calls.map((c) => c.outcome));

  const shown = columns.filter((c) => visible.includes(c.id));
  const liveCount = data.calls.filter((c) => c.live).length;
  const from = data.calls.length ? (data.page - 1) * data.perPage + 1 : 0;
  const to = from ? from + data.calls.length - 1 : 0;
  // A search's results open the call with the search highlighted.
  const search = searchOfListQuery(backQuery);
  const order = SORT_LABELS[new URLSearchParams(backQuery).get("sort") as keyof typeof SORT_LABELS] ?? SORT_LABELS.newest;

  const open = (e: React.MouseEvent<HTMLTableRowElement>, href: string) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if ((e.target as HTMLElement).closest("a,button,input,select,textarea,label,[role=menuitem]")) return;
    if (window.getSelection()?.toString()) return; // selecting text, not opening
    router.push(href);
  };

  return (
    <div className="space-y-4">
      {refresh}
      <div className="space-y-2">
        {data.meta.source === "index" ? <IndexSourceNote index={data.meta.index} timeZone={timeZone} /> : null}
        <div className="flex flex-wrap items-center justify-between gap-2">
          <ListStatus data={data} liveCount={liveCount} refreshFailed={error} />
          <div className="flex flex-wrap items-center gap-2">
            {canExport && data.total > 0 ? <ExportButton teamId={teamId} query={query} columns={[...visible]} description={exportDescription(true, "the columns shown in the table")} /> : null}
            <ColumnChooser columns={columns} visible={visible} onChange={onColumnChange} />
          </div>
        </div>

        <Table containerClassName="rounded-md border" className="min-w-[48rem]">
          <TableCaption className="sr-only">{`Calls, ${order.toLowerCase()}: ${formatCount(from)} to ${formatCount(to)} of ${formatCount(data.total)}. Times in ${timeZone}.`}</TableCaption>
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              {shown.map((c) => (
                <TableHead key={c.id} scope="col" className={cn(NUMERIC.has(c.id) && "text-right")}>
                  {c.label}
                </TableHead>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.calls.map((call) => {
              const href = callDetailHref(teamSlug, call.id, backQuery, search);
              const row = (
                <TableRow key={call.id} data-call-id={call.id} className={cn("cursor-pointer", call.match && "border-b-0")} onClick={(e) => open(e, href)}>
                  {shown.map((c) => (
                    <TableCell key={c.id} data-column={c.id} className={cn(NUMERIC.has(c.id) && "text-right tabular-nums")}>
                      <Cell column={c.id} call={call} href={href} timeZone={timeZone} currentYear={currentYear} />
                    </TableCell>
                  ))}
                </TableRow>
              );
              if (!call.match) return row;
              // The matching part of the transcript (or variables, or number), under the call's row.
              return (
                <React.Fragment key={call.id}>
                  {row}
                  <TableRow data-snippet-for={call.id} className="cursor-pointer" onClick={(e) => open(e, href)}>
                    <TableCell colSpan={shown.length} className="pt-0 text-sm whitespace-normal text-muted-foreground">
                      <MarkedText text={call.match.snippet} ranges={call.match.highlights} className="line-clamp-2" />
                    </TableCell>
                  </TableRow>
                </React.Fragment>
              );
            })}
          </TableBody>
        </Table>
      </div>
      {paginationValues ? (
        <CallsPagination teamSlug={teamSlug} values={paginationValues} page={data.page} perPage={data.perPage} total={data.total} lastPage={data.lastPage} shown={data.calls.length} />
      ) : null}
    </div>
  );
}

const NUMERIC = new Set<CallColumnId>(["duration", "score", "cost"]);

const TYPE_ICONS: Record<string, React.ComponentType<{ className?: string; "aria-hidden"?: boolean }>> = {
  inbound: PhoneIncomingIcon,
  outbound: PhoneOutgoingIcon,
  web: GlobeIcon,
};

function Muted({ children }: { children: React.ReactNode }) {
  return <span className="text-muted-foreground">{children}</span>;
}

function Named({ name, id, kind }: { name: string | null; id: number | null; kind: string }) {
  if (!name && id === null) return <Muted>{EMPTY}</Muted>;
  const text = name ?? `${kind} #${id}`;
  return (
    <span className="block max-w-[11rem] truncate" title={id !== null ? `${text} (#${id})` : text}>
      {text}
    </span>
  );
}

function Cell({ column, call, href, timeZone, currentYear }: { column: CallColumnId; call: CallDTO; href: string; timeZone: string; currentYear: number }) {
  switch (column) {
    case "time":
      return (
        <Link href={href} className="rounded-sm font-medium underline-offset-4 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50" title={call.createdAtLocal ? formatCallTimeFull(call.createdAtLocal, timeZone) : undefined}>
          {call.createdAtLocal ? <time dateTime={call.createdAt ?? undefined}>{formatCallTime(call.createdAtLocal, currentYear)}</time> : `Call #${call.id}`}
          <span className="sr-only">{`, call ${call.id}`}</span>
        </Link>
      );
    case "type": {
      if (!call.type) return <Muted>{EMPTY}</Muted>;
      const Icon = TYPE_ICONS[call.type];
      return (
        <span className="inline-flex items-center gap-1.5">
          {Icon ? <Icon className="size-3.5 text-muted-foreground" aria-hidden /> : null}
          {humanize(call.type)}
        </span>
      );
    }
    case "status":
      return <CallStatusBadge status={call.status} />;
    case "assistant":
      return <Named name={call.assistantName} id={call.assistantId} kind="Assistant" />;
    case "campaign":
      return <Named name={call.campaignName} id={call.campaignId} kind="Campaign" />;
    case "customerPhone":
      return call.clientPhone ? <span className="tabular-nums">{call.clientPhone}</span> : <Muted>{EMPTY}</Muted>;
    case "duration":
      return <>{formatDuration(call.durationSeconds)}</>;
    case "answeredBy":
      return call.answeredBy ? <>{humanize(call.answeredBy)}</> : <Muted>{EMPTY}</Muted>;
    case "sentiment":
      return call.sentiment ? <>{humanize(call.sentiment)}</> : <Muted>{EMPTY}</Muted>;
    case "outcome":
      return call.outcome ? <>{humanize(call.outcome)}</> : <Muted>{EMPTY}</Muted>;
    case "score":
      return <>{formatScore(call.score)}</>;
    case "cost":
      if (!("totalCost" in call)) return null;
      return call.totalCost === null || call.totalCost === undefined ? (
        <Muted>{EMPTY}</Muted>
      ) : (
        <span title={call.carrierCost !== null && call.carrierCost !== undefined ? `Carrier cost ${formatCost(call.carrierCost)}` : undefined}>{formatCost(call.totalCost)}</span>
      );
  }
}
