// Lighthouse (13.x, which needs Node 22+) on a page of the production build, in Debian's Chromium
// started by Playwright with a DevTools port. Signed-in pages get the session cookie through
// Lighthouse's `extraHeaders` (its documented way to audit pages behind a login), so its storage
// reset between runs does not sign the page out.
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "../../e2e/support/chromium";
import { freePort } from "../stack";
import { summarise } from "./stats";

export type FormFactor = "mobile" | "desktop";

export type LighthouseRun = {
  performance: number;
  accessibility: number;
  metrics: { fcp: number; lcp: number; tbt: number; cls: number; si: number; tti: number };
  scripts: { count: number; transferBytes: number };
  /** Audits that lost points, with their weight in the category and an example of what failed. */
  failed: { category: "performance" | "accessibility"; id: string; title: string; score: number; weight: number; example: string }[];
  runtimeError?: string;
  warnings: string[];
};

export type LighthouseSummary = {
  formFactor: FormFactor;
  runs: LighthouseRun[];
  /** Medians over the runs (Lighthouse's own advice: the median of several runs). */
  median: { performance: number; accessibility: number; fcp: number; lcp: number; tbt: number; cls: number; si: number };
  version: string;
};

type Lhr = {
  lighthouseVersion: string;
  runtimeError?: { code: string; message: string };
  runWarnings: string[];
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, { id: string; title: string; score: number | null; scoreDisplayMode: string; numericValue?: number; details?: { type?: string; items?: Record<string, unknown>[] } }>;
};

function example(audit: Lhr["audits"][string]): string {
  const item = audit.details?.items?.[0];
  if (!item) return "";
  const node = item.node as { snippet?: string; explanation?: string } | undefined;
  const text = node?.explanation ?? node?.snippet ?? (typeof item.url === "string" ? item.url : "");
  return String(text).replace(/\s+/g, " ").slice(0, 160);
}

function summariseRun(lhr: Lhr): LighthouseRun {
  const a = lhr.audits;
  const num = (id: string) => a[id]?.numericValue ?? NaN;
  const requests = (a["network-requests"]?.details?.items ?? []) as { resourceType?: string; transferSize?: number }[];
  const scripts = requests.filter((r) => r.resourceType === "Script");
  const failed: LighthouseRun["failed"] = [];
  for (const category of ["performance", "accessibility"] as const) {
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const audit = a[ref.id];
      if (!audit || ref.weight === 0 || audit.score === null || audit.score >= 1) continue;
      if (audit.scoreDisplayMode === "notApplicable" || audit.scoreDisplayMode === "informative" || audit.scoreDisplayMode === "manual") continue;
      failed.push({ category, id: ref.id, title: audit.title, score: audit.score, weight: ref.weight, example: example(audit) });
    }
  }
  return {
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
    metrics: {
      fcp: num("first-contentful-paint"),
      lcp: num("largest-contentful-paint"),
      tbt: num("total-blocking-time"),
      cls: num("cumulative-layout-shift"),
      si: num("speed-index"),
      tti: num("interactive"),
    },
    scripts: { count: scripts.length, transferBytes: scripts.reduce((n, r) => n + (r.transferSize ?? 0), 0) },
    failed,
    runtimeError: lhr.runtimeError ? `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` : undefined,
    warnings: lhr.runWarnings,
  };
}

/**
 * Runs Lighthouse `runs` times on each URL (one per run, so no run is served from the response
 * cache of another), for one form factor: "mobile" is Lighthouse's default configuration (Moto
 * G Power, simulated slow 4G and 4× CPU slowdown), "desktop" its desktop configuration.
 */
export async function runLighthouse(opts: { urls: string[]; cookie?: string; formFactor: FormFactor }): Promise<LighthouseSummary> {
  const { default: lighthouse, desktopConfig } = await import("lighthouse");
  const port = await freePort();
  const browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS, `--remote-debugging-port=${port}`] });
  const runs: LighthouseRun[] = [];
  let version = "";
  try {
    for (const url of opts.urls) {
      const result = await lighthouse(
        url,
        { port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"], extraHeaders: opts.cookie ? { Cookie: opts.cookie } : undefined },
        opts.formFactor === "desktop" ? desktopConfig : undefined,
      );
      if (!result) throw new Error(`Lighthouse returned no result for ${url}`);
      const lhr = result.lhr as unknown as Lhr;
      version = lhr.lighthouseVersion;
      const run = summariseRun(lhr);
      if (run.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${run.runtimeError}`);
      runs.push(run);
    }
  } finally {
    await browser.close();
  }
  const med = (f: (r: LighthouseRun) => number) => summarise(runs.map(f)).p50;
  return {
    formFactor: opts.formFactor,
    runs,
    version,
    median: {
      performance: med((r) => r.performance),
      accessibility: med((r) => r.accessibility),
      fcp: med((r) => r.metrics.fcp),
      lcp: med((r) => r.metrics.lcp),
      tbt: med((r) => r.metrics.tbt),
      cls: med((r) => r.metrics.cls),
      si: med((r) => r.metrics.si),
    },
  };
}
