// Benchmark 3: the calls page. Server render in Chromium (time to first byte, document complete, the
// table's first row in the DOM) against the upstream latency of the same query; first-load
// JavaScript from the build output; web-vitals and a Lighthouse-style score from Chromium's own
// metrics; an accessibility proxy (lighthouse and axe are not dependencies, see docs/benchmarks.md).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { findChromium } from "../../e2e/support/chromium";
import { ROOT } from "../stack";
import type { Benchmark, BenchContext, Target } from "./context";
import { table } from "./context";
import { auditAccessibility, type A11yReport } from "./a11y";
import { lighthouseStyleScore, type Vitals } from "./vitals";
import { ms, ratio, round, summarise } from "./stats";

export const CALLS_ROUTE = "/(portal)/teams/[teamSlug]/calls/page";
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

export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/** Collects paint, LCP, long tasks and layout shifts from the start of every document. */
const VITALS_INIT = `(() => {
  const v = (window.__benchVitals = { fcp: null, lcp: null, longTasks: [], cls: 0, tableAt: null });
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.name === "first-contentful-paint") v.fcp = e.startTime; }).observe({ type: "paint", buffered: true });
    new PerformanceObserver((l) => { for (const e of l.getEntries()) v.lcp = e.startTime; }).observe({ type: "largest-contentful-paint", buffered: true });
    new PerformanceObserver((l) => { for (const e of l.getEntries()) v.longTasks.push([e.startTime, e.duration]); }).observe({ type: "longtask", buffered: true });
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) v.cls += e.value; }).observe({ type: "layout-shift", buffered: true });
  } catch {}
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
  await context.addInitScript(VITALS_INIT);
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

type PageVitals = Vitals & { scriptTransfer: number; scriptDecoded: number; scripts: number };

async function vitalsOf(page: Page): Promise<PageVitals> {
  // Let long tasks after load show up, then read the observers.
  await page.waitForTimeout(1500);
  return page.evaluate(() => {
    const v = (window as unknown as { __benchVitals: { fcp: number | null; lcp: number | null; longTasks: [number, number][]; cls: number } }).__benchVitals;
    const fcp = v.fcp ?? NaN;
    const tbt = v.longTasks.filter(([start]) => start >= fcp).reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0);
    const scripts = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter((r) => r.initiatorType === "script" || r.name.endsWith(".js"));
    return {
      fcp,
      lcp: v.lcp ?? fcp,
      tbt,
      cls: v.cls,
      scripts: scripts.length,
      scriptTransfer: scripts.reduce((n, r) => n + r.encodedBodySize, 0),
      scriptDecoded: scripts.reduce((n, r) => n + r.decodedBodySize, 0),
    };
  });
}

async function coldVitals(browser: Browser, appUrl: string, cookie: string, url: string, throttled: boolean): Promise<PageVitals & { table: number }> {
  const context = await sessionContext(browser, appUrl, cookie);
  const page = await context.newPage();
  if (throttled) {
    // Lighthouse's mobile preset: 4× CPU slowdown, 150 ms RTT, 1.6 Mbps down / 750 kbps up.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
  }
  const { table } = await loadCalls(page, url);
  const vitals = await vitalsOf(page);
  await context.close();
  return { ...vitals, table };
}

export const callsPage: Benchmark = {
  id: 3,
  title: "The calls page: server render in Chromium, first-load JavaScript, web vitals, accessibility",
  async run(ctx: BenchContext) {
    const app = ctx.env.apps.nocache;
    const cookie = await ctx.supervisorCookie(app.url);
    const figures: Record<string, unknown> = {};
    const targets: Target[] = [];
    const markdown: string[] = [];

    // 1. First-load JS
    const js = firstLoadJs();
    figures.firstLoadJs = js;
    targets.push({ name: "first-load JS of /teams/[slug]/calls (gzip)", target: "< 180 kB", value: `${round(js.gzip / 1024, 1)} kB`, met: js.gzip < 180 * 1024 });

    const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    try {
      // 2. Server render, repeat visits (static chunks cached by the browser, as in daily use)
      const context = await sessionContext(browser, app.url, cookie);
      const page = await context.newPage();
      const pageUrl = (n: number) => `${app.url}/teams/${ctx.team.slug}/calls?per_page=25&page=${n}`;
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

      // 3. Web vitals on cold loads (no browser cache), desktop and Lighthouse's mobile throttling
      const vitalsRows: (string | number)[][] = [];
      let scriptNote = "";
      for (const [label, throttled, formFactor] of [
        ["desktop, no throttling", false, "desktop"],
        ["mobile preset: 4× CPU, 150 ms RTT, 1.6 Mbps", true, "mobile"],
      ] as const) {
        const runs: (PageVitals & { table: number })[] = [];
        for (let i = 0; i < 3; i++) runs.push(await coldVitals(browser, app.url, cookie, pageUrl(40 + i), throttled));
        const med = (k: keyof Vitals | "table") => summarise(runs.map((r) => r[k])).p50;
        const v: Vitals = { fcp: med("fcp"), lcp: med("lcp"), tbt: med("tbt"), cls: med("cls") };
        const score = lighthouseStyleScore(v, formFactor);
        figures[`vitals ${formFactor}`] = { runs, median: v, score };
        vitalsRows.push([label, ms(v.fcp), ms(v.lcp), ms(med("table")), ms(v.tbt), round(v.cls, 3), Math.round(score.score * 100)]);
        if (!throttled) {
          const r = runs[0];
          figures.browserScripts = { scripts: r.scripts, transfer: r.scriptTransfer, decoded: r.scriptDecoded };
          scriptNote = `Cross-check in Chromium (cold load): ${r.scripts} scripts, ${round(r.scriptTransfer / 1024, 1)} kB transferred (next start's gzip), ${round(r.scriptDecoded / 1024, 1)} kB decoded.`;
        }
        targets.push({ name: `Lighthouse-style performance score, ${formFactor} (estimate from Chromium metrics)`, target: "≥ 90", value: String(Math.round(score.score * 100)), met: score.score >= 0.9 });
      }
      markdown.push(...table(["cold load (median of 3)", "FCP", "LCP", "table", "TBT", "CLS", "score"], vitalsRows), "", scriptNote, "");
      markdown.push(
        "Score: Lighthouse 10–12's scoring curves and weights applied to FCP, LCP, TBT and CLS measured in Chromium (Speed Index is not measured: LCP stands in for it). Not a Lighthouse run; see docs/benchmarks.md.",
        "",
      );

      // 4. Accessibility proxy
      const a11yContext = await sessionContext(browser, app.url, cookie);
      const a11yPage = await a11yContext.newPage();
      await loadCalls(a11yPage, pageUrl(5));
      const a11y: A11yReport = await auditAccessibility(a11yPage);
      await a11yContext.close();
      figures.accessibility = a11y;
      markdown.push(
        ...table(
          ["accessibility check (Lighthouse weight)", "result", "details"],
          a11y.audits.map((a) => [`${a.id} (${a.weight})`, a.applicable ? (a.pass ? "pass" : "**fail**") : "n/a", a.details.slice(0, 3).join("; ").replace(/\|/g, "/") || ""]),
        ),
        "",
        `Accessibility proxy score: ${Math.round(a11y.score * 100)} (weighted share of applicable checks passed, Lighthouse's weights).`,
      );
      targets.push({ name: "accessibility proxy score (Lighthouse weights, no axe)", target: "≥ 95", value: String(Math.round(a11y.score * 100)), met: a11y.score >= 0.95 });
    } finally {
      await browser.close();
    }

    markdown.unshift(
      ...table(
        ["first-load JS (build output)", "files", "raw", "gzip -9"],
        [["/teams/[slug]/calls", js.files.length, `${round(js.bytes / 1024, 1)} kB`, `${round(js.gzip / 1024, 1)} kB`]],
      ),
      "",
      `Method: build-manifest.json rootMainFiles + entryJSFiles of ${js.entries.length} segments of the route's client reference manifest (${js.entries.map((e) => e.replace("[project]/app", "")).join(", ")}).`,
      "",
      ...table(
        ["largest chunks", "gzip -9", "holds"],
        js.files.slice(0, 8).map((f) => [f.file.replace("static/chunks/", ""), `${round(f.gzip / 1024, 1)} kB`, f.contains]),
      ),
      "",
    );
    return { status: "ok", figures, targets, markdown };
  },
};
