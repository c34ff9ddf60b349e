import type { Metadata } from "next";
import { headers } from "next/headers";
import { ANALYTICS_FILTER_KEYS, AnalyticsFilterBar, type FilterValues } from "@/components/analytics/filter-bar";
import { AnalyticsView } from "@/components/analytics/analytics-view";
import { AnalyticsViewsNav } from "@/components/analytics/views-nav";
import { ExportButton } from "@/components/export/export-button";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { PAGE_SCOPES } from "@/lib/http/page-scopes";
import { teamPage } from "@/lib/http/team-page";
import { parseAnalyticsQuery, selectionKey, withDefaultRange } from "@/lib/analytics/query";
import { peekAnalytics } from "@/lib/analytics/run-analytics";
import { DEFAULT_CALL_COLUMNS } from "@/lib/calls/columns";
import { listDirectory } from "@/lib/directory/list-directory";
import { searchParamsToObject } from "@/lib/validation/parse";
import { parseCallFilters } from "@/lib/validation/call-filters";
import { filtersKey } from "@/lib/views/links";
import { listViews } from "@/lib/views/list-views";

export const metadata: Metadata = { title: "Analytics" };

export default async function AnalyticsPage({ params, searchParams }: { params: Promise<{ teamSlug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { teamSlug } = await params;
  const access = await teamPage(PAGE_SCOPES["/teams/[teamSlug]/analytics"])(teamSlug);
  const raw = searchParamsToObject(await searchParams);
  const values: FilterValues = Object.fromEntries(ANALYTICS_FILTER_KEYS.filter((k) => raw[k]).map((k) => [k, raw[k]]));
  const parsed = parseAnalyticsQuery(raw, access.team);
  const [directory, views] = await Promise.all([listDirectory(access).catch(() => ({ assistants: [], campaigns: [] })), listViews(access)]);
  const asCalls = parseCallFilters(raw, access.team);
  const currentKey = asCalls.ok ? filtersKey({ ...asCalls.filters, per_page: undefined }) : null;
  const range = parsed.ok ? parsed.selection : withDefaultRange({}, access.team.timeZone);
  const query = parsed.ok ? selectionKey(parsed.selection) : "";
  const initial = parsed.ok ? await peekAnalytics(access, parsed.selection) : null;
  const action = `/teams/${access.team.slug}/analytics`;
  // Opened from a link on another site: show the page, but run the analytics (which spend the team's budget) only on a click.
  const crossSite = (await headers()).get("sec-fetch-site") === "cross-site";

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">Analytics</h1>
          <p className="text-sm text-muted-foreground">Every call matching the filters, read from WhatTalk and counted by the portal.</p>
        </div>
        {parsed.ok && access.can("calls:export") ? <ExportButton teamId={access.team.id} query={query} columns={DEFAULT_CALL_COLUMNS} label="Export these calls (CSV)" /> : null}
      </div>
      <AnalyticsViewsNav action={`/teams/${access.team.slug}/analytics`} views={[...views.mine, ...views.team]} currentKey={currentKey} />
      <AnalyticsFilterBar
        action={action}
        values={values}
        range={{ date_from: range.date_from, date_to: range.date_to }}
        timeZone={access.team.timeZone}
        assistants={directory.assistants}
        campaigns={directory.campaigns}
        fieldErrors={parsed.ok ? {} : parsed.fieldErrors}
      />
      {parsed.ok ? (
        <AnalyticsView key={query} teamId={access.team.id} query={query} initial={initial} autoRun={!crossSite} />
      ) : (
        <Alert variant="warning">
          <AlertTitle>Some filters are invalid</AlertTitle>
          <AlertDescription>Correct the fields marked above, then apply the filters again.</AlertDescription>
        </Alert>
      )}
    </div>
  );
}
