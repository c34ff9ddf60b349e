// The CSV export of every call matching a selection, streamed as WhatTalk's pages arrive and audited
// at its end. Errors, memory and budget: docs/design-notes.md.
import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import type { TeamAccess } from "@/lib/auth/team-access";
import { BULK_PER_PAGE, bulkRetryDelayMs, callPageFetcher, pagesFor, type CallSelection } from "@/lib/bulk/call-pages";
import { indexPageFetcher, type BulkSource } from "@/lib/bulk/index-pages";
import { openPageReader, type PageBatch } from "@/lib/bulk/read-pages";
import { callScopeOf } from "@/lib/calls/scope";
import { whatTalkContextForTeam } from "@/lib/credentials/context";
import { env } from "@/lib/env";
import { AppError, forbidden } from "@/lib/errors";
import { toAppError } from "@/lib/http/to-app-error";
import { logger } from "@/lib/logger";
import { fileNameRange } from "@/lib/validation/call-filter-descriptor";
import { todayIn } from "@/lib/validation/dates";
import { teamBudgetStatus, type UpstreamCall } from "@/lib/whattalk";
import type { ExportColumnId } from "./columns";
import { BOM, callRow, discoverKeys, headerRow, incompleteLine, toCsv, type CsvPlan } from "./csv";
import { createExportProgress, updateExportProgress } from "./progress";

/** Longest wait for the team's budget for one page before the export gives up. */
export const MAX_PAGE_WAIT_MS = 3 * 60_000;
/** Longest wait for page 1 (the answer has not started yet) before a 429. */
export const FIRST_PAGE_MAX_WAIT_MS = 10_000;

export type CallsExport = {
  id: string;
  filename: string;
  /** Matching calls when the export started. */
  total: number;
  /** Where the rows come from: the call index (as of its last sync) or WhatTalk. */
  source: BulkSource;
  stream: ReadableStream<Uint8Array>;
};

/** `<team-slug>_calls_<start>_<end>.csv` (the filters named in their descriptor's `fileName`); an open start reads "earliest", an open end today's date. */
export function exportFileName(slug: string, selection: Partial<CallSelection>, timeZone: string, now = new Date()): string {
  const safeSlug = slug.replace(/[^a-z0-9-]/gi, "-");
  const { start, end } = fileNameRange(selection);
  return `${safeSlug}_calls_${start ?? "earliest"}_${end ?? todayIn(timeZone, now)}.csv`;
}

/** One running export: what it was asked for, and its tally as pages arrive. */
type ExportRun = {
  id: string;
  access: TeamAccess;
  selection: CallSelection;
  columns: ExportColumnId[];
  filename: string;
  total: number;
  /** Where the rows come from: the call index (as of its last sync) or WhatTalk. */
  source: BulkSource;
  concurrency: number;
  signal: AbortSignal;
  stop: AbortController;
  pages: AsyncGenerator<PageBatch<UpstreamCall>, void, undefined>;
  tally: ExportTally;
};

type ExportTally = {
  plan: CsvPlan | null;
  rows: number;
  latestTotal: number;
  /** Calls WhatTalk answered outside the member's scope, left out of the file (lib/calls/scope.ts). */
  droppedOutOfScope: number;
  /** The list grew past the reader's de-duplication window mid-export (lib/bulk/read-pages.ts): rows may repeat. */
  repeatsPossible: boolean;
  finished: boolean;
};

export async function startCallsExport(access: TeamAccess, selection: CallSelection, columns: ExportColumnId[], opts: { signal?: AbortSignal } = {}): Promise<CallsExport> {
  if (!access.can("calls:export")) throw forbidden();
  // An export covers all of the team's calls: never for a role limited to assigned assistants.
  if (!access.can("calls:read:all")) throw forbidden("Exports cover all of the team's calls, which your role cannot see.");
  if (!access.can("calls:costs")) columns = columns.filter((c) => c !== "cost");

  const teamId = access.team.id;
  const ctx = await whatTalkContextForTeam(access);
  const scope = await callScopeOf(access);
  const tally: ExportTally = { plan: null, rows: 0, latestTotal: 0, droppedOutOfScope: 0, repeatsPossible: false, finished: false };
  const id = randomUUID();
  const stop = new AbortController();
  const signal = opts.signal ? AbortSignal.any([stop.signal, opts.signal]) : stop.signal;
  const concurrency = env().EXPORT_CONCURRENCY;

  // From the index (no WhatTalk budget) when it covers the range fresh; with search or an
  // index-only filter, from the index or a 409 (lib/bulk/index-pages.ts).
  const fromIndex = await indexPageFetcher(access, scope, selection, "export", { onDropped: (n) => (tally.droppedOutOfScope += n), credentialId: ctx.credentialId });
  const source: BulkSource = fromIndex ? { source: "index", asOf: fromIndex.asOf } : { source: "live" };
  const reader = await openPageReader<UpstreamCall>({
    fetchPage: fromIndex?.fetchPage ?? callPageFetcher(ctx, { scope, answer: "export", onDropped: (n) => (tally.droppedOutOfScope += n) }, selection, { cache: false }),
    concurrency,
    retryDelayMs: bulkRetryDelayMs,
    maxWaitMs: MAX_PAGE_WAIT_MS,
    // Nothing is sent before page 1: rather than a silent wait, answer 429 "try again in N s".
    firstPageMaxWaitMs: FIRST_PAGE_MAX_WAIT_MS,
    signal,
    onWait: ({ ms }) => updateExportProgress(id, { state: "waiting", resumesAt: new Date(Date.now() + ms).toISOString() }),
  });
  const total = reader.first.total;
  tally.latestTotal = total;
  // The index costs WhatTalk nothing: only a live export is held to EXPORT_MAX_MINUTES of the budget.
  if (!fromIndex) await assertExportFits(teamId, total, reader.pages);

  const filename = exportFileName(access.team.slug, selection, access.team.timeZone);
  createExportProgress(access, id, total);
  const run: ExportRun = { id, access, selection, columns, filename, total, source, concurrency, signal, stop, pages: reader.pages, tally };
  return { id, filename, total, source, stream: csvStream(run) };
}

/** 400 (and the reader stopped) when the export needs more than EXPORT_MAX_MINUTES of the team's budget. */
async function assertExportFits(teamId: string, total: number, pages: AsyncGenerator<unknown, void, undefined>): Promise<void> {
  const requests = pagesFor(total);
  const { limit } = await teamBudgetStatus(teamId);
  const minutes = Math.ceil(requests / limit);
  const maxMinutes = env().EXPORT_MAX_MINUTES;
  if (minutes <= maxMinutes) return;
  await pages.return();
  const fits = maxMinutes * limit * BULK_PER_PAGE;
  const n = (v: number) => v.toLocaleString("en-GB");
  throw new AppError(
    "BAD_REQUEST",
    `This export has ${n(total)} calls: ${n(requests)} requests to WhatTalk, about ${n(minutes)} minutes of this team's budget of ${n(limit)} requests a minute. Exports are limited to ${n(maxMinutes)} ${maxMinutes === 1 ? "minute" : "minutes"} of the budget, which fits ${n(fits)} calls: narrow the date range or add filters to stay under that.`,
    { details: { reason: "export_too_large", total, limit: fits, maxMinutes } },
  );
}

/** Ends the export once: its progress, a log line and the audit row (a failed audit is logged, not thrown). */
async function finishExport(run: ExportRun, outcome: { complete: boolean; cancelled?: boolean; error?: string }): Promise<void> {
  const { id, access, tally } = run;
  if (tally.finished) return;
  tally.finished = true;
  const { rows, repeatsPossible } = tally;
  const teamId = access.team.id;
  updateExportProgress(id, {
    state: outcome.complete ? "done" : outcome.cancelled ? "cancelled" : "incomplete",
    rows,
    resumesAt: null,
    message: outcome.error ?? null,
  });
  const dropped = tally.droppedOutOfScope ? { droppedOutOfScope: tally.droppedOutOfScope } : {};
  logger.info({ module: "export", teamId, exportId: id, rows, total: run.total, source: run.source.source, ...outcome, ...(repeatsPossible ? { repeatsPossible } : {}), ...dropped }, "calls export finished");
  try {
    await recordAudit({
      teamId,
      actor: access.user,
      action: "calls.exported",
      target: { type: "calls", label: run.filename },
      data: {
        filters: run.selection,
        columns: run.columns,
        rows,
        total: run.total,
        source: run.source.source,
        complete: outcome.complete,
        ...(outcome.cancelled ? { cancelled: true } : {}),
        ...(outcome.error ? { error: outcome.error } : {}),
        ...(repeatsPossible ? { repeatsPossible: true } : {}),
        ...dropped,
      },
    });
  } catch (error) {
    logger.error({ module: "export", teamId, exportId: id, err: { message: (error as Error)?.message } }, "could not audit the export");
  }
}

/** The CSV rows of some batches (counted into the tally). */
function rowsOf(tally: ExportTally, batches: PageBatch<UpstreamCall>[]): string[][] {
  const out: string[][] = [];
  for (const b of batches) {
    tally.latestTotal = b.total;
    if (b.repeatsPossible) tally.repeatsPossible = true;
    for (const call of b.items) out.push(callRow(call, tally.plan!));
  }
  tally.rows += out.length;
  return out;
}

/** The next chunk of CSV text, `done` when the list ended with it, or the failure that stopped it (with the text read before). */
async function nextChunk(run: ExportRun): Promise<{ text: string; done: boolean; failure: unknown }> {
  const { tally } = run;
  try {
    if (!tally.plan) {
      // Page 1 and the pages fetched alongside it: their variables/evaluation keys become columns.
      // (Read and counted here, without another await: a cancel that comes meanwhile audits these rows.)
      const first: PageBatch<UpstreamCall>[] = [];
      let done = false;
      let failure: unknown = null;
      try {
        for (let i = 0; i <= run.concurrency; i++) {
          const r = await run.pages.next();
          if (r.done) {
            done = true;
            break;
          }
          first.push(r.value);
        }
      } catch (error) {
        failure = error;
      }
      tally.plan = { columns: run.columns, timeZone: run.access.team.timeZone, ...discoverKeys(first.flatMap((b) => b.items)) };
      return { text: toCsv([headerRow(tally.plan), ...rowsOf(tally, first)]), done: !failure && done, failure };
    }
    const r = await run.pages.next();
    if (r.done) return { text: "", done: true, failure: null };
    return { text: toCsv(rowsOf(tally, [r.value])), done: false, failure: null };
  } catch (error) {
    return { text: "", done: false, failure: error };
  }
}

/** The file as a stream that reads WhatTalk's pages as the client takes them; a failure midway ends it with an "incomplete" line. */
function csvStream(run: ExportRun): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const { tally, signal } = run;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        // The BOM at once: the status and headers go out now (the server sends them with the first
        // bytes), not after the first pages, which may have to wait for the team's budget.
        controller.enqueue(encoder.encode(BOM));
      },
      async pull(controller) {
        const chunk = await nextChunk(run);
        const { text } = chunk;
        let { failure } = chunk;
        if (chunk.done) {
          try {
            if (text) controller.enqueue(encoder.encode(text));
            controller.close();
            await finishExport(run, { complete: true });
            return;
          } catch (error) {
            failure = error;
          }
        }
        if (failure) {
          if (signal.aborted) {
            // The client went away (or cancel() ran): nothing more to write.
            try {
              controller.close();
            } catch {
              // already closed by cancel()
            }
            await finishExport(run, { complete: false, cancelled: true });
            return;
          }
          const message = toAppError(failure).message;
          logger.warn({ module: "export", teamId: run.access.team.id, exportId: run.id, rows: tally.rows, err: { message: (failure as Error)?.message } }, "calls export failed midway");
          controller.enqueue(encoder.encode(text + incompleteLine(tally.rows, Math.max(tally.latestTotal, tally.rows), message)));
          controller.close();
          await finishExport(run, { complete: false, error: message });
          return;
        }
        updateExportProgress(run.id, { state: "running", rows: tally.rows, resumesAt: null });
        if (text) controller.enqueue(encoder.encode(text));
      },
      async cancel() {
        run.stop.abort();
        await run.pages.return().catch(() => {});
        await finishExport(run, { complete: false, cancelled: true });
      },
    },
    { highWaterMark: 1 },
  );
}
