import type { Metadata } from "next";
import Link from "next/link";
import { unstable_rethrow } from "next/navigation";
import { Suspense } from "react";
import { PhoneOffIcon, SearchXIcon, UserXIcon } from "lucide-react";

import { CallsErrorPanel } from "@/components/calls/calls-error-panel";
import { CallsPagination } from "@/components/calls/calls-pagination";
import { CallsTableSkeleton } from "@/components/calls/calls-skeleton";
import { CallsTable } from "@/components/calls/calls-table";
import { CallsFilterBar, type PickerOption } from "@/components/calls/filter-bar";
import { hasSelection, listQuery, type RawFilters } from "@/components/calls/list-query";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { requireTeamPage } from "@/lib/auth/page";
import type { TeamAccess } from "@/lib/auth/team-access";
import { availableColumns, type CallColumnId } from "@/lib/calls/columns";
import { callsListHref } from "@/lib/calls/links";
import { listTeamCalls, type CallListResult } from "@/lib/calls/list-calls";
import { callScopeOf } from "@/lib/calls/scope";
import { listDirectory } from "@/lib/directory/list-directory";
import type { AppError } from "@/lib/errors";
import { toAppError } from "@/lib/http/to-app-error";
import { logger } from "@/lib/logger";
import { getCallColumns } from "@/lib/preferences/get-call-columns";
import { FILTER_KEYS, parseCallFilters, type CallFilters } from "@/lib/validation/call-filters";
import { DATE_PRESETS, presetRange, todayIn } from "@/lib/validation/dates";
import { searchParamsToObject } from "@/lib/validation/parse";

export const metadata: Metadata = { title: "Calls" };

type Props = {
  params: Promise<{ teamSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const FIELD_KEYS = new Set(["status", "type", "phone_number", "assistant_id", "campaign_id", "date_from", "date_to"]);
const FIELD_NAMES: Record<string, string> = { per_page: "Page size", page: "Page", _form: "Filters" };

export default async function CallsPage({ params, searchParams }: Props) {
  const { teamSlug } = await params;
  const access = await requireTeamPage(teamSlug, ["calls:read:all", "calls:read:assigned"]);
  const raw = searchParamsToObject(await searchParams);
  const values: RawFilters = Object.fromEntries(FILTER_KEYS.filter((k) => raw[k] !== undefined).map((k) => [k, raw[k]]));
  const slug = access.team.slug;
  const timeZone = access.team.timeZone;

  const scope = await callScopeOf(access);
  const [directory, visible] = await Promise.all([
    listDirectory(access.team.id, scope.kind === "assigned" ? { onlyAssistantIds: scope.assistants.map((a) => a.id) } : {}),
    getCallColumns(access),
  ]);
  const assistants: PickerOption[] =
    scope.kind === "assigned"
      ? scope.assistants.map((a) => ({ id: a.id, name: directory.assistants.find((d) => d.id === a.id)?.name ?? a.label }))
      : directory.assistants.map((a) => ({ id: a.id, name: a.name }));
  const campaigns: PickerOption[] = directory.campaigns.map((c) => ({ id: c.id, name: c.name }));

  // Invalid filters never reach WhatTalk: the bar shows what to fix. An agent's assistant outside
  // their assignments is caught here the same way (the service would refuse it with 403).
  const parsed = parseCallFilters(raw, access.team);
  let fieldErrors: Record<string, string[]> = parsed.ok ? {} : parsed.fieldErrors;
  if (parsed.ok && scope.kind === "assigned" && parsed.filters.assistant_id !== undefined && !scope.assistants.some((a) => a.id === parsed.filters.assistant_id)) {
    fieldErrors = { assistant_id: ["Not one of your assigned assistants: you can only see their calls."] };
  }
  const filters = parsed.ok && Object.keys(fieldErrors).length === 0 ? parsed.filters : null;

  const today = todayIn(timeZone);
  const presets = DATE_PRESETS.map((p) => ({ id: p.id, label: p.label, ...presetRange(p.id, timeZone) }));
  const clearHref = callsListHref(slug, listQuery({ per_page: values.per_page }));

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Calls</h1>
        <p className="text-sm text-muted-foreground">
          {scope.kind === "assigned" ? "Calls of the assistants assigned to you. " : null}
          Times in {timeZone}.
        </p>
      </div>

      <CallsFilterBar teamSlug={slug} values={values} fieldErrors={fieldErrors} presets={presets} assistants={assistants} campaigns={campaigns} assignedOnly={scope.kind === "assigned"} timeZone={timeZone} />

      {filters ? (
        <Suspense key={JSON.stringify(filters)} fallback={<CallsTableSkeleton rows={Math.min(filters.per_page, 15)} />}>
          <CallsResults access={access} filters={filters} values={values} visible={visible} currentYear={Number(today.slice(0, 4))} clearHref={clearHref} />
        </Suspense>
      ) : (
        <InvalidFilters fieldErrors={fieldErrors} clearHref={clearHref} />
      )}
    </div>
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
              <li key={k}>{`${FIELD_NAMES[k] ?? k}: ${msgs.join(" ")}`}</li>
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

async function CallsResults({ access, filters, values, visible, currentYear, clearHref }: { access: TeamAccess; filters: CallFilters; values: RawFilters; visible: CallColumnId[]; currentYear: number; clearHref: string }) {
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

  return (
    <div className="space-y-4">
      <CallsTable
        teamId={access.team.id}
        teamSlug={slug}
        timeZone={access.team.timeZone}
        currentYear={currentYear}
        initial={result}
        query={listQuery(values)}
        columns={availableColumns({ costs: access.can("calls:costs") })}
        initialVisible={visible}
      />
      <CallsPagination teamSlug={slug} values={values} page={result.page} perPage={result.perPage} total={result.total} lastPage={result.lastPage} shown={result.calls.length} />
    </div>
  );
}
