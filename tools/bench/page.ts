// Benchmark 3: the calls page. Server render in Chromium (time to first byte, document complete, the
// table's first row in the DOM) against the upstream latency of the same query; first-load
// JavaScript from the build output; Lighthouse's performance and accessibility scores (mobile and
// desktop configurations) on the production build.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "../../e2e/support/chromium";
import { ROOT } from "../stack";
import type { Benchmark, BenchContext, Target } from "./context";
import { table } from "./context";
import { runLighthouse, type LighthouseSummary } from "./lighthouse";
import { ms, ratio, round, summarise } from "./stats";

const kB = (bytes: number) => `${round(bytes / 1000, 1)} kB`;
const kiB = (bytes: number) => `${round(bytes / 1024, 1)} KiB`;

export const CALLS_ROUTE = "/(portal)/teams/[teamSlug]/calls/(list)/page";
const SAMPLES = 15;

// ---------------------------------------------------------------------------------------------
// First-load JS from the build

export type FirstLoadJs = { files: { file: string; bytes: number; gzip: number; contains: string }[]; bytes: number; gzip: number; entries: string[] };

/** A rough label of what a chunk holds (for the report). */
function contentsOf(source: string, root: boolean): string {
  const found = [
    [/_zod|ZodError/g, "zod", 20],
    [/radix|data-slot/g, "Radix/UI kit", 5],
    [/sonner/g, "sonner", 20],
    [/useSWR|swr/g, "swr", 3],
    [/lucide/g, "lucide icons", 3],
  ]
    .filter(([re, , min]) => (source.match(re as RegExp) ?? []).length >= (min as number))
    .map(([, name]) => name as string);
  if (root) found.unshift("framework (React, Next runtime)");
  return found.join(", ") || "app code";
}

/**
 * What a first visit of the route downloads, from Next 16's build output (`next build` no longer
 * prints "First Load JS"): build-manifest.json `rootMainFiles` (Turbopack runtime, React, Next's
 * client) plus, from the route's `page_client-reference-manifest.js`, the `entryJSFiles` of every
 * segment of its tree (root layout, team layout, the page, and the error/not-found boundaries the
 * tree renders; `global-error` is left out: it only loads when the root layout itself fails).
 * Each file gzipped at level 9, like the old build output's figure.
 */
export function firstLoadJs(route = CALLS_ROUTE, distDir = path.join(ROOT, process.env.NEXT_DIST_DIR || ".next")): FirstLoadJs {
  const build = JSON.parse(fs.readFileSync(path.join(distDir, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const manifestFile = path.join(distDir, "server", "app", `${route}_client-reference-manifest.js`);
  const holder = { __RSC_MANIFEST: {} as Record<string, { entryJSFiles?: Record<string, string[]> }> };
  new Function("globalThis", fs.readFileSync(manifestFile, "utf8"))(holder);
  const manifest = holder.__RSC_MANIFEST[route];
  if (!manifest?.entryJSFiles) throw new Error(`no entryJSFiles for ${route} in ${manifestFile}`);
  const entries = Object.keys(manifest.entryJSFiles).filter((e) => !e.endsWith("/global-error"));
  const files = [...new Set([...build.rootMainFiles, ...entries.flatMap((e) => manifest.entryJSFiles![e])])];
  const sized = files.map((file) => {
    const buf = fs.readFileSync(path.join(distDir, file));
    return { file, bytes: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length, contains: contentsOf(buf.toString("utf8"), build.rootMainFiles.includes(file)) };
  });
  sized.sort((a, b) => b.gzip - a.gzip);
  return { files: sized, bytes: sized.reduce((a, f) => a + f.bytes, 0), gzip: sized.reduce((a, f) => a + f.gzip, 0), entries };
}

// ---------------------------------------------------------------------------------------------
// Browser measurements

/** Records when the first call row enters the DOM, from the start of every document. */
const TABLE_OBSERVER = `(() => {
  const v = (window.__benchVitals = { tableAt: null });
  const seen = () => { if (v.tableAt === null && document.querySelector("tr[data-call-id]")) { v.tableAt = performance.now(); return true; } return false; };
  new MutationObserver((_, o) => { if (seen()) o.disconnect(); }).observe(document, { childList: true, subtree: true });
})();`;

type Sample = { ttfb: number; responseEnd: number; table: number; upstream: number };

async function sessionContext(browser: Browser, appUrl: string, cookieHeader: string): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: "en-GB", timezoneId: "Europe/Istanbul", colorScheme: "light", viewport: { width: 1350, height: 940 } });
  await context.addCookies(
    cookieHeader.split("; ").map((pair) => {
      const i = pair.indexOf("=");
      return { name: pair.slice(0, i), value: pair.slice(i + 1), url: appUrl };
    }),
  );
  await context.addInitScript(TABLE_OBSERVER);
  return context;
}

async function loadCalls(page: Page, url: string): Promise<{ ttfb: number; responseEnd: number; table: number }> {
  await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction(() => (window as unknown as { __benchVitals: { tableAt: number | null } }).__benchVitals.tableAt !== null, null, { timeout: 30_000 });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const v = (window as unknown as { __benchVitals: { tableAt: number } }).__benchVitals;
    return { ttfb: nav.responseStart - nav.startTime, responseEnd: nav.responseEnd - nav.startTime, table: v.tableAt };
  });
}

/** What a benchmark reports, filled in by its parts. */
type Report = { figures: Record<string, unknown>; targets: Target[]; markdown: string[] };

export const callsPage: Benchmark = {
  id: 3,
  title: "The calls page: server render in Chromium, first-load JavaScript, Lighthouse performance and accessibility",
  async run(ctx: BenchContext) {
    const app = ctx.env.apps.nocache;
    const cookie = await ctx.supervisorCookie(app.url);
    const out: Report = { figures: {}, targets: [], markdown: [] };

    // 1. First-load JS
    const js = firstLoadJs();
    out.figures.firstLoadJs = js;
    // kB = 1,000 bytes, as in the "First Load JS" column that `next build` printed up to Next 15.
    out.targets.push({ name: "first-load JS of /teams/[slug]/calls (gzip -9)", target: "< 180 kB", value: `${kB(js.gzip)} (${kiB(js.gzip)})`, met: js.gzip < 180_000 });

    const pageUrl = (n: number) => `${app.url}/teams/${ctx.team.slug}/calls?per_page=25&page=${n}`;
    await measureRender(ctx, app.url, cookie, pageUrl, out);
    await measureLighthouse(cookie, pageUrl, out);
    out.markdown.unshift(...firstLoadJsTable(js));
    return { status: "ok", ...out };
  },
};

/** 2. Server render, repeat visits (static chunks cached by the browser, as in daily use), against WhatTalk direct. */
async function measureRender(ctx: BenchContext, appUrl: string, cookie: string, pageUrl: (n: number) => string, { figures, targets, markdown }: Report): Promise<void> {
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    const context = await sessionContext(browser, appUrl, cookie);
    const page = await context.newPage();
    for (const n of [2, 3]) await loadCalls(page, pageUrl(n));
    const samples: Sample[] = [];
    const direct: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const n = 10 + i;
      await ctx.env.sim.clearRequests();
      const s = await loadCalls(page, pageUrl(n));
      const upstream = (await ctx.env.sim.requests()).length;
      samples.push({ ...s, upstream });
      // The same query straight to WhatTalk: the baseline.
      const t0 = performance.now();
      const res = await fetch(`${ctx.env.sim.apiUrl}/user/calls?per_page=25&page=${n}`, { headers: { authorization: `Bearer ${ctx.team.apiKey}`, accept: "application/json" } });
      await res.arrayBuffer();
      direct.push(performance.now() - t0);
    }
    await context.close();
    const ttfb = summarise(samples.map((s) => s.ttfb));
    const end = summarise(samples.map((s) => s.responseEnd));
    const tableAt = summarise(samples.map((s) => s.table));
    const up = summarise(direct);
    const upstreamPerLoad = summarise(samples.map((s) => s.upstream));
    figures.render = { samples, ttfb, responseEnd: end, table: tableAt, upstreamDirect: up };
    markdown.push(
      ...table(
        ["measure (p50 of " + SAMPLES + " loads)", "p50", "p95", "minus upstream p50", "÷ upstream p50"],
        [
          ["WhatTalk direct, same query (baseline)", ms(up.p50), ms(up.p95), "", ""],
          ["time to first byte", ms(ttfb.p50), ms(ttfb.p95), ms(ttfb.p50 - up.p50), ratio(ttfb.p50, up.p50)],
          ["document complete (server render streamed)", ms(end.p50), ms(end.p95), ms(end.p50 - up.p50), ratio(end.p50, up.p50)],
          ["first table row in the DOM", ms(tableAt.p50), ms(tableAt.p95), ms(tableAt.p50 - up.p50), ratio(tableAt.p50, up.p50)],
        ],
      ),
      "",
      `Upstream requests per page load: ${upstreamPerLoad.p50} (p50), ${upstreamPerLoad.max} (max). Supervisor, cache off, pages 10–${10 + SAMPLES - 1} of 25 calls, browser cache warm (repeat visits).`,
      "",
    );
    targets.push({ name: "server render: first table row minus upstream latency (p50)", target: "≤ 60 ms", value: ms(tableAt.p50 - up.p50), met: tableAt.p50 - up.p50 <= 60 });
    targets.push({ name: "server render: time to first byte minus upstream latency (p50)", target: "≤ 60 ms", value: ms(ttfb.p50 - up.p50), met: ttfb.p50 - up.p50 <= 60 });
  } finally {
    await browser.close();
  }
}

/** 3. Lighthouse, 3 runs per configuration on distinct pages (none served from another's cache). */
async function measureLighthouse(cookie: string, pageUrl: (n: number) => string, { figures, targets, markdown }: Report): Promise<void> {
  const lighthouseRows: (string | number)[][] = [];
  const failedAudits = new Map<string, { category: string; title: string; weight: number; runs: number; example: string }>();
  for (const formFactor of ["mobile", "desktop"] as const) {
    const urls = [0, 1, 2].map((i) => pageUrl(formFactor === "mobile" ? 40 + i : 50 + i));
    const lh: LighthouseSummary = await runLighthouse({ urls, cookie, formFactor });
    figures[`lighthouse ${formFactor}`] = lh;
    const m = lh.median;
    lighthouseRows.push([
      formFactor === "mobile" ? "mobile (default config: simulated slow 4G, 4× CPU)" : "desktop (desktop config)",
      m.performance,
      m.accessibility,
      ms(m.fcp),
      ms(m.lcp),
      ms(m.si),
      ms(m.tbt),
      round(m.cls, 3),
      lh.runs.map((r) => r.performance).join(", "),
    ]);
    for (const r of lh.runs)
      for (const f of r.failed) {
        const key = `${f.category} ${f.id}`;
        const seen = failedAudits.get(key);
        if (seen) seen.runs++;
        else failedAudits.set(key, { category: f.category, title: f.title, weight: f.weight, runs: 1, example: f.example });
      }
    targets.push({ name: `Lighthouse ${lh.version} performance, ${formFactor} (median of ${lh.runs.length})`, target: "≥ 90", value: String(m.performance), met: m.performance >= 90 });
    targets.push({ name: `Lighthouse ${lh.version} accessibility, ${formFactor} (median of ${lh.runs.length})`, target: "≥ 95", value: String(m.accessibility), met: m.accessibility >= 95 });
    if (formFactor === "desktop") {
      const r = lh.runs[0];
      figures.browserScripts = r.scripts;
      markdown.push(`Cross-check from Lighthouse's network log (cold load): ${r.scripts.count} scripts, ${kB(r.scripts.transferBytes)} transferred (next start's gzip).`, "");
    }
  }
  markdown.push(
    ...table(["Lighthouse (median of 3 cold loads)", "performance", "accessibility", "FCP", "LCP", "Speed Index", "TBT", "CLS", "performance per run"], lighthouseRows),
    "",
  );
  if (failedAudits.size > 0) {
    markdown.push(
      ...table(
        ["audit that lost points", "category (weight)", "runs", "example"],
        [...failedAudits.values()].map((f) => [f.title.replace(/\|/g, "/"), `${f.category} (${f.weight})`, f.runs, f.example.replace(/\|/g, "/")]),
      ),
      "",
    );
  }
}

function firstLoadJsTable(js: ReturnType<typeof firstLoadJs>): string[] {
  return [
    ...table(
      ["first-load JS (build output)", "files", "raw", "gzip -9"],
      [["/teams/[slug]/calls", js.files.length, kB(js.bytes), `${kB(js.gzip)} (${kiB(js.gzip)})`]],
    ),
    "",
    `Method: build-manifest.json rootMainFiles + entryJSFiles of ${js.entries.length} segments of the route's client reference manifest (${js.entries.map((e) => e.replace("[project]/app", "")).join(", ")}).`,
    "",
    ...table(
      ["largest chunks", "gzip -9", "holds"],
      js.files.slice(0, 8).map((f) => [f.file.replace("static/chunks/", ""), kB(f.gzip), f.contains]),
    ),
    "",
  ];
}
