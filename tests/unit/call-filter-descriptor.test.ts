// Every filter of the descriptor goes through every consumer: a filter added in
// lib/validation/call-filter-descriptor.ts (plus its control in the bars) works everywhere, or a
// test here names what does not handle it yet.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AnalyticsFilterBar } from "@/components/analytics/filter-bar";
import { FilterFields } from "@/components/calls/filter-fields";
import { listQuery, type RawFilters } from "@/components/calls/list-query";
import { selectedValues } from "@/components/calls/use-filter-bar";
import { parseAnalyticsQuery } from "@/lib/analytics/query";
import { exportFileName } from "@/lib/export/export-calls";
import { CALL_FILTERS, filterKeysFor, upstreamOf, type CallFilterKind, type CallFilterSpec } from "@/lib/validation/call-filter-descriptor";
import { filtersToSearchParams, parseCallFilters, parseStoredFilters, selectionOf, toStoredFilters, toUpstreamQuery, usesIndex } from "@/lib/validation/call-filters";
import { searchParamsToObject } from "@/lib/validation/parse";
import { viewFilterParams } from "@/lib/views/links";
import { ListCallsQuerySchema } from "@/lib/whattalk";

const NOW = new Date("2026-11-24T22:30:00Z"); // the 25th in Istanbul
const TEAM = { country: "TR", timeZone: "Europe/Istanbul" };
const SPECS = CALL_FILTERS as readonly CallFilterSpec[];

/** A valid value as a URL carries it, for each kind (a new kind needs one here). */
const SAMPLE: Record<CallFilterKind, (spec: CallFilterSpec) => string> = {
  enum: (spec) => spec.values!.at(-1)!,
  phone: () => "0532 123 45 67",
  id: () => "4242",
  date: () => "2026-11-10",
  datePreset: () => "last7",
  pageSize: (spec) => String(spec.choices!.find((c) => c !== spec.default)),
  page: () => "3",
  search: () => 'İPTAL -fatura "ödeme planı"',
  list: () => "callback_requested,resolved",
  number: (spec) => String(spec.integer ? 600 : 4.5),
};

function parsedWith(spec: CallFilterSpec) {
  const r = parseCallFilters({ [spec.name]: SAMPLE[spec.kind](spec) }, TEAM, NOW);
  if (!r.ok) throw new Error(`${spec.name}: ${JSON.stringify(r.fieldErrors)}`);
  return r.filters;
}

describe.each(SPECS.map((spec) => [spec.name, spec] as const))("the %s filter", (name, spec) => {
  const filters = parsedWith(spec);
  const value = filters[name as keyof typeof filters];

  it("parses from the URL and is written back to it unchanged", () => {
    expect(value).toBeDefined();
    const url = filtersToSearchParams(filters);
    expect(url.get(name)).toBe(String(value));
    expect(parseCallFilters(searchParamsToObject(url), TEAM, NOW)).toEqual({ ok: true, filters });
    // The bar writes its raw values the same way.
    const fromBar = new URLSearchParams(listQuery({ [name]: SAMPLE[spec.kind](spec) } as RawFilters));
    expect(parseCallFilters(searchParamsToObject(fromBar), TEAM, NOW)).toEqual({ ok: true, filters });
  });

  it("reaches WhatTalk under its upstream name, through the client's own check", () => {
    const query = toUpstreamQuery(filters);
    const upstream = upstreamOf(spec);
    if (upstream) expect(query[upstream]).toBe(value);
    else if (spec.indexOnly) {
      // Only the call index answers it: WhatTalk's query is the unfiltered one.
      const unfiltered = parseCallFilters({}, TEAM, NOW);
      expect(unfiltered.ok && query).toEqual(unfiltered.ok && toUpstreamQuery(unfiltered.filters));
      expect(usesIndex(filters)).toBe(true);
    } else {
      // The portal's own filter (a preset): WhatTalk gets what it resolves into, never the filter itself.
      expect(Object.values(query)).not.toContain(value);
      const unfiltered = parseCallFilters({}, TEAM, NOW);
      expect(unfiltered.ok && query).not.toEqual(unfiltered.ok && toUpstreamQuery(unfiltered.filters));
    }
    const checked = ListCallsQuerySchema.safeParse(query);
    expect(checked.success).toBe(true);
    expect(Object.keys(checked.data ?? {}).sort()).toEqual(Object.keys(query).sort());
  });

  it("round-trips through a saved view's stored filters", () => {
    const stored = JSON.parse(JSON.stringify(toStoredFilters(filters))) as Record<string, unknown>;
    expect(name in stored).toBe(spec.stored !== false);
    const back = parseStoredFilters(stored, TEAM, NOW);
    expect(back.ok).toBe(true);
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { page, ...withoutPage } = filters;
    expect(back.ok && back.filters).toEqual(withoutPage);
    // A view whose filters no longer parse is linked with its stored values as they are.
    expect(parseCallFilters(searchParamsToObject(viewFilterParams({ parsed: null, filters: stored })), TEAM, NOW)).toEqual({ ok: true, filters: { ...withoutPage, page: 1 } });
  });

  it("names the export file only where the descriptor places it", () => {
    const file = exportFileName("demo", selectionOf(filters), TEAM.timeZone, NOW);
    expect(file).toMatch(/^demo_calls_[\w-]+_[\w-]+\.csv$/);
    if (spec.fileName === "start") expect(file).toBe(`demo_calls_${value}_2026-11-25.csv`);
    else if (spec.fileName === "end") expect(file).toBe(`demo_calls_earliest_${value}.csv`);
    else expect(file).toBe(exportFileName("demo", selectionOf({ ...filters, [name]: undefined }), TEAM.timeZone, NOW));
  });

  it("selects calls for analytics, or pages (left out of a selection)", () => {
    const r = parseAnalyticsQuery({ [name]: SAMPLE[spec.kind](spec) }, TEAM, NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    if (!spec.paging) expect(r.selection[name as keyof typeof r.selection]).toEqual(value);
    else expect(name in r.selection).toBe(false);
  });
});

describe("the descriptor and its consumers", () => {
  it("covers every parameter the WhatTalk client accepts for the call list", () => {
    const upstream = SPECS.map(upstreamOf).filter(Boolean);
    expect(new Set(upstream).size).toBe(upstream.length);
    expect(Object.keys(ListCallsQuerySchema.shape).sort()).toEqual([...upstream].sort());
  });

  it("gives each filter of the calls bar a labelled control", () => {
    const noop = () => {};
    const html = renderToStaticMarkup(
      createElement(FilterFields, { values: selectedValues({}), fieldErrors: {}, presets: [], assistants: [], campaigns: [], assignedOnly: false, timeZone: "UTC", apply: noop, type: noop, clear: noop, active: false }),
    );
    const keys = filterKeysFor("calls:read:assigned").filter((k) => !SPECS.find((s) => s.name === k)?.paging);
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(html, k).toMatch(new RegExp(`<label[^>]* for="[^"]*-${k}"`));
  });

  it("gives each filter analytics offers a field of its form", () => {
    const html = renderToStaticMarkup(createElement(AnalyticsFilterBar, { action: "/teams/t/analytics", values: {}, range: { date_from: "2026-11-01", date_to: "2026-11-07" }, timeZone: "UTC", assistants: [], campaigns: [] }));
    const keys = filterKeysFor("analytics:read");
    expect(keys).toContain("status");
    for (const k of keys) expect(html, k).toContain(`name="${k}"`);
  });
});
