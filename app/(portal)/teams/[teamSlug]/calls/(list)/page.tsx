import type { Metadata } from "next";
import Link from "next/link";
import { redirect, unstable_rethrow } from "next/navigation";
import { Suspense } from "react";
import { PhoneOffIcon, SearchXIcon, UserXIcon } from "lucide-react";

import { CallsErrorPanel } from "@/components/calls/calls-error-panel";
import { CallsTableSkeleton } from "@/components/calls/calls-skeleton";
import { CallsTable } from "@/components/calls/calls-table";
import { CallColumnsProvider } from "@/components/calls/columns-context";
import { IndexSourceNote } from "@/components/calls/index-source";
import { SeenOutcomesProvider } from "@/components/calls/seen-outcomes";
import { CallsFilterBar } from "@/components/calls/filter-bar";
import { hasSelection, listQuery, type RawFilters } from "@/components/calls/list-query";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ViewsToolbar } from "@/components/views/views-toolbar";
import { PAGE_SCOPES } from "@/lib/http/page-scopes";
import { teamPage } from "@/lib/http/team-page";
import type { TeamAccess } from "@/lib/auth/team-access";
import { availableColumns, visibleColumns } from "@/lib/calls/columns";
import { callsListHref } from "@/lib/calls/links";
import { listCallFilterOptions } from "@/lib/calls/list-filter-options";
import { listTeamCalls } from "@/lib/calls/list-calls";
import type { CallListResult } from "@/lib/calls/types";
import { callScopeOf } from "@/lib/calls/scope";
import type { AppError } from "@/lib/errors";
import { toAppError } from "@/lib/http/to-app-error";
import { logger } from "@/lib/logger";
import { getCallColumns } from "@/lib/preferences/get-call-columns";
import { CALL_FILTERS, SELECTION_KEYS, selectionOf, type CallFilters } from "@/lib/validation/call-filters";
import { DATE_PRESETS, presetRange, todayIn } from "@/lib/validation/dates";
import { searchParamsToObject } from "@/lib/validation/parse";
import { filtersKey, NO_VIEW, viewHref } from "@/lib/views/links";
import { resolveDefaultView } from "@/lib/views/resolve-default-view";
import { resolveCallsView } from "@/lib/views/resolve-view";

export const metadata: Metadata = { title: "Calls" };

type Props = {
  params: Promise<{ teamSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** Filters with a field in the bar show their errors there; the others are listed under their label. */
const FIELD_KEYS = new Set<string>(SELECTION_KEYS);
const labelOf = (k: string) => (k === "_form" ? "Filters" : (CALL_FILTERS.find((f) => f.name === k)?.label ?? k));

export default async function CallsPage({ params, searchParams }: Props) {
  const { teamSlug } = await params;
  const access = await teamPage(PAGE_SCOPES["/teams/[teamSlug]/calls"])(teamSlug);
  const raw = searchParamsToObject(await searchParams);
  const slug = access.team.slug;
  const timeZone = access.team.timeZone;

  // The list opened without any search params applies the default view (the member's own, else
  // the team's), in the URL so it can be shared. `?view=none` is the way to unfiltered calls then.
  if (Object.keys(raw).length === 0) {
    const fallback = await resolveDefaultView(access);
    if (fallback) redirect(viewHref(slug, fallback));
  }

  const scope = await callScopeOf(access);
  const costs = access.can("calls:costs");
  const [options, preferred, resolved] = await Promise.all([listCallFilterOptions(access, scope), getCallColumns(access), resolveCallsView(access, raw, scope)]);
  const { views, applied, values, shownValues, fieldErrors, filters, viewValue } = resolved;
  const problem = resolved.problem ? { messages: resolved.problem.messages, editHref: resolved.problem.editValues ? callsListHref(slug, listQuery(resolved.problem.editValues)) : null } : null;

  const today = todayIn(timeZone);
  const presets = DATE_PRESETS.map((p) => ({ id: p.id, label: p.label, ...presetRange(p.id, timeZone) }));
  const clearHref = callsListHref(slug, listQuery({ per_page: values.per_page, view: viewValue }));

  return (
    <CallColumnsProvider
      teamId={access.team.id}
      sourceKey={applied ? `view:${applied.id}` : "pref"}
      available={availableColumns({ costs })}
      initial={applied ? visibleColumns(applied.columns, { costs }) : preferred}
      persist={!applied}
    >
      <SeenOutcomesProvider>
        <div className="space-y-5">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h1 className="text-2xl font-semibold tracking-tight">Calls</h1>
            <p className="text-sm text-muted-foreground">
              {scope.kind === "assigned" ? "Calls of the assistants assigned to you. " : null}
              Times in {timeZone}.
            </p>
          </div>

          <ViewsToolbar
            teamId={access.team.id}
            teamSlug={slug}
            mine={views.mine}
            team={views.team}
            defaults={views.defaults}
            applied={applied}
            currentFiltersKey={resolved.parsedFilters ? filtersKey(resolved.parsedFilters) : null}
            currentFilters={filters ? { ...selectionOf(filters), per_page: filters.per_page } : null}
            canShare={access.can("views:share")}
            allCallsHref={callsListHref(slug, resolved.hasDefault ? listQuery({ view: NO_VIEW }) : "")}
            problem={problem}
          />
          <ViewNotices viewMissing={resolved.viewMissing} droppedAssistant={resolved.droppedAssistant} />

          <CallsFilterBar teamSlug={slug} values={shownValues} fieldErrors={fieldErrors} presets={presets} assistants={options.assistants} campaigns={options.campaigns} assignedOnly={scope.kind === "assigned"} costs={costs} timeZone={timeZone} />

          {filters ? (
            <Suspense key={JSON.stringify(filters)} fallback={<CallsTableSkeleton rows={Math.min(filters.per_page, 15)} />}>
              <CallsResults access={access} filters={filters} values={values} shownValues={shownValues} currentYear={Number(today.slice(0, 4))} clearHref={clearHref} />
            </Suspense>
          ) : problem?.editHref ? null : (
            <InvalidFilters fieldErrors={fieldErrors} clearHref={clearHref} />
          )}
        </div>
      </SeenOutcomesProvider>
    </CallColumnsProvider>
  );
}

function ViewNotices({ viewMissing, droppedAssistant }: { viewMissing: boolean; droppedAssistant: number | null }) {
  return (
    <>
      {viewMissing ? (
        <Alert variant="warning">
          <AlertTitle>This saved view is not available</AlertTitle>
          <AlertDescription>It was deleted, or it is someone&apos;s personal view. The link&apos;s filters are shown without it.</AlertDescription>
        </Alert>
      ) : null}
      {droppedAssistant !== null ? (
        <Alert>
          <AlertTitle>Showing your assistants</AlertTitle>
          <AlertDescription>{`This view's assistant #${droppedAssistant} is not assigned to you; showing your assistants instead.`}</AlertDescription>
        </Alert>
      ) : null}
    </>
  );
}

function InvalidFilters({ fieldErrors, clearHref }: { fieldErrors: Record<string, string[]>; clearHref: string }) {
  const other = Object.entries(fieldErrors).filter(([k]) => !FIELD_KEYS.has(k));
  return (
    <Alert variant="destructive">
      <AlertTitle>Some filters are invalid</AlertTitle>
      <AlertDescription>
        <p>No calls were loaded. Fix the highlighted {other.length ? "values" : "fields"} above, or clear the filters.</p>
        {other.length ? (
          <ul className="list-disc pl-5">
            {other.map(([k, msgs]) => (
              <li key={k}>{`${labelOf(k)}: ${msgs.join(" ")}`}</li>
            ))}
          </ul>
        ) : null}
        <Button asChild variant="outline" size="sm" className="mt-2">
          <Link href={clearHref}>Clear filters</Link>
        </Button>
      </AlertDescription>
    </Alert>
  );
}

type Outcome = { ok: true; result: CallListResult } | { ok: false; error: AppError };

async function load(access: TeamAccess, filters: CallFilters): Promise<Outcome> {
  try {
    return { ok: true, result: await listTeamCalls(access, filters) };
  } catch (error) {
    unstable_rethrow(error);
    const appError = toAppError(error);
    if (appError.code === "INTERNAL") {
      logger.error({ teamId: access.team.id, err: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) }, "calls page: listing calls failed");
    }
    return { ok: false, error: appError };
  }
}

async function CallsResults({ access, filters, values, shownValues, currentYear, clearHref }: { access: TeamAccess; filters: CallFilters; values: RawFilters; shownValues: RawFilters; currentYear: number; clearHref: string }) {
  const slug = access.team.slug;
  const outcome = await load(access, filters);
  if (!outcome.ok) {
    return (
      <CallsErrorPanel
        error={outcome.error}
        subject="calls"
        teamSlug={slug}
        canManageConnection={access.can("credentials:manage")}
        clearHref={clearHref}
        allAssistantsHref={callsListHref(slug, listQuery({ ...values, assistant_id: undefined, page: undefined }))}
      />
    );
  }
  const { result } = outcome;

  if (result.meta.emptyReason === "no_assignments") {
    return (
      <EmptyState
        icon={<UserXIcon />}
        title="No assistants assigned to you yet"
        description={<p>As an agent you see the calls of the assistants assigned to you. Ask a supervisor or an admin of the team to assign you one or more assistants.</p>}
      />
    );
  }
  const search = values.q?.trim();
  if (result.total === 0 && search) return <NoSearchResults result={result} search={search} values={values} slug={slug} timeZone={access.team.timeZone} clearHref={clearHref} />;
  if (result.total === 0) {
    return hasSelection(values) ? (
      <EmptyState
        icon={<SearchXIcon />}
        title="No calls match these filters"
        description={<p>Try a wider date range or fewer filters.</p>}
        action={
          <Button asChild variant="outline">
            <Link href={clearHref}>Clear filters</Link>
          </Button>
        }
      />
    ) : (
      <EmptyState icon={<PhoneOffIcon />} title="No calls yet" description={<p>Calls appear here as soon as the team&apos;s WhatTalk assistants make or take them.</p>} />
    );
  }
  if (result.calls.length === 0) {
    return (
      <EmptyState
        icon={<SearchXIcon />}
        title="This page is past the end of the list"
        description={<p>{`There are ${result.lastPage} pages of calls with these filters.`}</p>}
        action={
          <Button asChild variant="outline">
            <Link href={callsListHref(slug, listQuery({ ...values, page: String(result.lastPage) }))}>Go to the last page</Link>
          </Button>
        }
      />
    );
  }

  // The table renders the pagination too, from the same data as its rows: while live calls refresh
  // the list, "1–25 of N" and the page count follow.
  return (
    <CallsTable
      teamId={access.team.id}
      teamSlug={slug}
      timeZone={access.team.timeZone}
      currentYear={currentYear}
      initial={result}
      query={listQuery(shownValues)}
      backQuery={listQuery(values)}
      canExport={access.can("calls:export")}
      paginationValues={values}
    />
  );
}

/** An empty search: what matching does, and ways out (clear the search, or every filter). */
function NoSearchResults({ result, search, values, slug, timeZone, clearHref }: { result: CallListResult; search: string; values: RawFilters; slug: string; timeZone: string; clearHref: string }) {
  const others = hasSelection({ ...values, q: undefined });
  return (
    <div className="space-y-2">
      {result.meta.source === "index" ? <IndexSourceNote index={result.meta.index} timeZone={timeZone} /> : null}
      <EmptyState
        icon={<SearchXIcon />}
        title={`No calls mention “${search}”${others ? " with these filters" : ""}`}
        description={<p>Words find the words that start with them (randevu finds randevunuzu); letters without Turkish accents find both (sikayet finds şikayet). Try fewer or shorter words{others ? ", or fewer filters" : ""}.</p>}
        action={
          <>
            <Button asChild variant="outline">
              <Link href={callsListHref(slug, listQuery({ ...values, q: undefined, page: undefined }))}>Clear the search</Link>
            </Button>
            {others ? (
              <Button asChild variant="ghost">
                <Link href={clearHref}>Clear all filters</Link>
              </Button>
            ) : null}
          </>
        }
      />
    </div>
  );
}
