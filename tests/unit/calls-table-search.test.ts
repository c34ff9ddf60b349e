// The calls table showing an index answer (the DTO and meta shapes of lib/calls): the index line,
// each result's snippet with its highlights marked, and result links that carry the search.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { describe, expect, it } from "vitest";
import { CallsTable } from "@/components/calls/calls-table";
import { CallColumnsProvider } from "@/components/calls/columns-context";
import { availableColumns, DEFAULT_CALL_COLUMNS } from "@/lib/calls/columns";
import type { CallDTO } from "@/lib/calls/dto";
import type { CallListResult } from "@/lib/calls/types";

const router = { push: () => {}, replace: () => {}, refresh: () => {}, back: () => {}, forward: () => {}, prefetch: () => {} };

function call(id: number, match?: CallDTO["match"]): CallDTO {
  return {
    id, createdAt: "2026-12-07T08:00:00.000Z", createdAtLocal: "2026-12-07 11:00:00", updatedAt: null, type: "inbound", status: "completed", live: false,
    assistantId: 102, assistantName: "Destek", campaignId: null, campaignName: null, durationSeconds: 95, assistantPhone: null, clientPhone: "+905321234567",
    answeredBy: "human", sentiment: "negative", outcome: "not_interested", score: 3, hasRecording: false, match,
  };
}

function render(result: CallListResult, query: string) {
  const table = createElement(CallsTable, { teamId: "t1", teamSlug: "demo", timeZone: "Europe/Istanbul", currentYear: 2026, initial: result, query });
  const columns: Parameters<typeof CallColumnsProvider>[0] = { teamId: "t1", sourceKey: "pref", available: availableColumns({ costs: false }), initial: [...DEFAULT_CALL_COLUMNS], persist: false, children: table };
  const withColumns = createElement(CallColumnsProvider, columns);
  return renderToStaticMarkup(createElement(AppRouterContext.Provider, { value: router as never }, withColumns));
}

const meta: CallListResult["meta"] = { cache: "none", fetchedAt: null, ageSeconds: 0, scope: "all", droppedOutOfScope: 0 };

describe("the calls table with search results", () => {
  const result: CallListResult = {
    calls: [call(11, { snippet: "…aboneliğimi İPTAL etmek istiyorum…", highlights: [[13, 18]] }), call(12)],
    page: 1, perPage: 25, total: 2, lastPage: 1,
    meta: { ...meta, source: "index", index: { syncedAt: new Date(Date.now() - 40_000).toISOString(), ageSeconds: 40, complete: false, reachesBack: "2026-12-02T22:30:00.000Z" } },
  };

  it("says the list comes from the index, and how far back it reaches", () => {
    expect(render(result, "q=iptal")).toMatch(/Search results from the index, up to date as of \d\d:\d\d \(40 s ago\); the index reaches back to 3 Dec 2026 so far\./);
  });

  it("shows a result's snippet under its row with the match marked", () => {
    const html = render(result, "q=iptal");
    expect(html).toMatch(/<tr[^>]* data-snippet-for="11"[^>]*><td[^>]* colSpan="\d+"[^>]*><span[^>]*><span>…aboneliğimi <\/span><mark[^>]*>İPTAL<\/mark><span> etmek istiyorum…<\/span>/);
    expect(html).not.toContain('data-snippet-for="12"');
  });

  it("links each result with the search, and the list to come back to", () => {
    const html = render(result, "q=iptal&sentiment=negative");
    expect(html).toContain(`href="/teams/demo/calls/11?q=iptal&amp;back=${encodeURIComponent("/teams/demo/calls?q=iptal&sentiment=negative").replace(/&/g, "&amp;")}"`);
  });

  it("says nothing about the index for a live list, and links without a search", () => {
    const html = render({ ...result, calls: [call(12)], meta: { ...meta, source: "live" } }, "status=completed");
    expect(html).not.toContain("Search results from the index");
    expect(html).toContain('href="/teams/demo/calls/12?back=');
  });
});
