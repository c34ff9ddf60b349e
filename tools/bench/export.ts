// Benchmark 5: a CSV export of 10,000 calls. Wall time against the ideal (pages × upstream latency
// ÷ parallelism, within the team's budget) and the app process's memory growth while it streams.
import type { Benchmark, BenchContext } from "./context";
import { SIM_LATENCY_MS } from "./environment";
import { table } from "./context";
import { sampleRss, rssBytes } from "./memory";
import { mb, ms, ratio, round, summarise } from "./stats";

const TARGET_CALLS = 10_000;
const PER_PAGE = 100; // lib/bulk/call-pages.ts BULK_PER_PAGE
const pad = (n: number) => String(n).padStart(2, "0");

/** Adds completed calls to the simulator's alpha account until it has `want` calls. */
async function topUpCalls(ctx: BenchContext, want: number): Promise<number> {
  const first = (await (await fetch(`${ctx.env.sim.apiUrl}/user/calls?per_page=1`, { headers: { authorization: `Bearer ${ctx.team.apiKey}`, accept: "application/json" } })).json()) as { total: number };
  const missing = want - first.total;
  const statuses = ["completed", "ended_by_customer", "no-answer", "busy", "failed"];
  const base = Date.now() - 85 * 86_400_000;
  let next = 0;
  const worker = async () => {
    while (next < missing) {
      const i = next++;
      const at = new Date(base + ((i * 7919) % (80 * 86_400)) * 1000);
      const created = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`;
      await ctx.env.sim.control("/calls", {
        method: "POST",
        json: { key: ctx.team.apiKey, status: statuses[i % statuses.length], type: i % 2 ? "inbound" : "outbound", duration: 30 + (i % 300), created_at: created, transcript: `AI: Hello, call ${i}.\nUser: Thanks, bye.`, total_cost: 0.01 * (i % 50), carrier_cost: 0.004 * (i % 50) },
      });
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return Math.max(0, missing);
}

/** Reads a CSV answer to its end: its records (newlines outside quotes), bytes, and whether it ends complete. */
async function countCsvRecords(body: ReadableStream<Uint8Array>): Promise<{ records: number; bytes: number; complete: boolean }> {
  const reader = body.getReader();
  // Records end at newlines outside quotes (fields with newlines are quoted, quotes doubled).
  let records = 0;
  let bytes = 0;
  let inQuotes = false;
  let tail = "";
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    const text = decoder.decode(value, { stream: true });
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) inQuotes = !inQuotes;
      else if (c === 10 && !inQuotes) records++;
    }
    tail = (tail + text).slice(-300);
  }
  return { records, bytes, complete: !tail.includes("# EXPORT INCOMPLETE") };
}

export const csvExport: Benchmark = {
  id: 5,
  title: "Export: 10,000 calls to CSV, wall time against the ideal and memory growth",
  async run(ctx) {
    const app = ctx.env.apps.nocache;
    const cookie = await ctx.supervisorCookie(app.url);
    const route = `${app.url}/api/teams/${ctx.team.id}/calls/export`;

    // Is the export route there (its own JSON error for a bad column), or Next's not-found page?
    const probe = await fetch(`${route}?columns=__probe__`, { headers: { cookie } });
    const probeType = probe.headers.get("content-type") ?? "";
    await probe.arrayBuffer();
    if (probe.status === 404 && !probeType.includes("json")) {
      return { status: "skipped", reason: "GET /api/teams/{id}/calls/export is not in this build", figures: {}, markdown: [], targets: [] };
    }

    const added = await topUpCalls(ctx, TARGET_CALLS);
    try {
      // Upstream latency of a bulk page (100 calls), straight to WhatTalk.
      const direct: number[] = [];
      for (let p = 1; p <= 10; p++) {
        const t0 = performance.now();
        const res = await fetch(`${ctx.env.sim.apiUrl}/user/calls?per_page=${PER_PAGE}&page=${p * 7}`, { headers: { authorization: `Bearer ${ctx.team.apiKey}`, accept: "application/json" } });
        await res.arrayBuffer();
        direct.push(performance.now() - t0);
      }
      const upstream = summarise(direct);
      const concurrency = Number(app.env.EXPORT_CONCURRENCY || 4);
      const budget = Number(app.env.WHATTALK_TEAM_BUDGET_PER_MINUTE || 100);

      const runs: { wallMs: number; rows: number; total: number; pages: number; upstreamRequests: number; rssBefore: number; rssPeak: number; growth: number; complete: boolean; bytes: number }[] = [];
      for (let run = 0; run < 2; run++) {
        await ctx.env.sim.clearRequests();
        const rssBefore = rssBytes(app.process.pid!);
        const sampler = sampleRss(app.process.pid!);
        const t0 = performance.now();
        const res = await fetch(route, { headers: { cookie } });
        if (res.status !== 200) throw new Error(`export: HTTP ${res.status} ${await res.text()}`);
        const total = Number(res.headers.get("x-export-total"));
        const { records, bytes, complete } = await countCsvRecords(res.body!);
        const lines = records - 1 - (complete ? 0 : 1); // header, and the incomplete marker line
        const wallMs = performance.now() - t0;
        const mem = sampler.stop();
        const requests = (await ctx.env.sim.requests()).filter((r) => r.path === "/api/user/calls").length;
        runs.push({ wallMs, rows: lines, total, pages: Math.ceil(total / PER_PAGE), upstreamRequests: requests, rssBefore, rssPeak: mem.peak, growth: mem.peak - rssBefore, complete, bytes });
        ctx.log(`  export run ${run + 1}: ${lines} rows in ${ms(wallMs)}, memory +${mb(mem.peak - rssBefore)}`);
      }
      const last = runs[runs.length - 1];
      const pages = last.pages;
      const budgetFloorMs = pages > budget ? ((pages - budget) / budget) * 60_000 : 0;
      const ideal = Math.max((pages * upstream.p50) / concurrency, budgetFloorMs);
      const worstGrowth = Math.max(...runs.map((r) => r.growth));
      return {
        status: "ok",
        figures: { added, upstream, concurrency, budget, ideal, runs },
        targets: [
          { name: "export wall time ÷ ideal (second run)", target: "≤ 1.3", value: ratio(last.wallMs, ideal), met: last.wallMs <= 1.3 * ideal && last.complete && last.rows === last.total },
          { name: "app memory growth during an export (worst run)", target: "< 150 MB", value: mb(worstGrowth), met: worstGrowth < 150 * 1024 * 1024 },
        ],
        markdown: [
          ...table(
            ["run", "rows / total", "upstream requests", "wall time", "ideal", "÷ ideal", "CSV size", "RSS before", "RSS peak", "growth"],
            runs.map((r, i) => [i + 1, `${r.rows} / ${r.total}`, r.upstreamRequests, ms(r.wallMs), ms(ideal), ratio(r.wallMs, ideal), mb(r.bytes), mb(r.rssBefore), mb(r.rssPeak), mb(r.growth)]),
          ),
          "",
          `Ideal = ${pages} pages × ${ms(upstream.p50)} (p50 of a 100-call page straight from WhatTalk) ÷ ${concurrency} (EXPORT_CONCURRENCY) = ${ms(ideal)}; the team budget (${budget}/min on this instance) does not bind. ${added} calls were added to the simulator's account to reach ${TARGET_CALLS.toLocaleString("en-GB")}. Memory: the app process's resident set, sampled every 25 ms.`,
          `Run 1 includes first-use costs (code loading, JIT); the target is checked on run 2. Upstream p95 ${ms(upstream.p95)}; ${round(last.bytes / last.rows, 0)} bytes per row.`,
        ],
      };
    } finally {
      // Back to the simulator's own data (reset also clears faults: restore the latency).
      await ctx.env.sim.control("/reset", { method: "POST" });
      await ctx.env.sim.control("/faults", { method: "PATCH", json: { latencyMs: SIM_LATENCY_MS } });
    }
  },
};
