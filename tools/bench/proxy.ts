// Benchmarks 1 and 2: the portal's calls API against the same query sent straight to WhatTalk
// (the simulator, 50 ms latency), cache off and cache warm; and request coalescing.
import type { Benchmark, BenchContext, Target } from "./context";
import { table } from "./context";
import { runLoad, type LoadResult } from "./load";
import { cpuPerRequest } from "./memory";
import { ms, ratio, round } from "./stats";

export const LEVELS = [1, 16, 64];
/** Pages 2..251: page 1 holds live calls, which are never cached. */
const PAGES = 250;
const PER_PAGE = 25;

const portalPaths = (teamId: string) => Array.from({ length: PAGES }, (_, i) => `/api/teams/${teamId}/calls?per_page=${PER_PAGE}&page=${i + 2}`);
const directPaths = () => Array.from({ length: PAGES }, (_, i) => `/api/user/calls?per_page=${PER_PAGE}&page=${i + 2}`);

/** Direct-to-simulator runs, measured once per run of the bench and shared by benchmarks 1 and 2. */
const directRuns = new Map<number, Promise<LoadResult>>();
function direct(ctx: BenchContext, connections: number): Promise<LoadResult> {
  let run = directRuns.get(connections);
  if (!run) {
    run = runLoad({
      url: ctx.env.sim.url,
      connections,
      durationSeconds: ctx.durationSeconds,
      warmupSeconds: 2,
      paths: directPaths(),
      headers: { authorization: `Bearer ${ctx.team.apiKey}`, accept: "application/json" },
    });
    directRuns.set(connections, run);
  }
  return run;
}

function non2xx(r: LoadResult): number {
  return Object.entries(r.statuses).reduce((n, [s, c]) => (Number(s) >= 300 ? n + c : n), 0) + r.errors + r.timeouts;
}

function row(label: string, c: number, r: LoadResult): (string | number)[] {
  return [label, c, ms(r.latency.p50), ms(r.latency.p95), ms(r.latency.p99), round(r.rps, 0), non2xx(r)];
}

const HEAD = ["target", "clients", "p50", "p95", "p99", "req/s", "non-2xx/errors"];

export const proxyOverhead: Benchmark = {
  id: 1,
  title: "Proxy overhead: GET /api/teams/{id}/calls (cache off) vs the same query straight to WhatTalk",
  async run(ctx) {
    const app = ctx.env.apps.nocache;
    const cookie = await ctx.supervisorCookie(app.url);
    const rows: (string | number)[][] = [];
    const overhead: (string | number)[][] = [];
    const figures: Record<string, unknown> = {};
    const targets: Target[] = [];
    const paths = portalPaths(ctx.team.id);
    const cpu = await cpuPerRequest(app.process.pid!, (i) => `${app.url}${paths[i % paths.length]}`, { cookie });
    figures.cpuPerRequest = cpu;
    for (const c of LEVELS) {
      const d = await direct(ctx, c);
      ctx.log(`  direct ${c} clients: p50 ${ms(d.latency.p50)}, ${round(d.rps, 0)} req/s`);
      const p = await runLoad({ url: app.url, connections: c, durationSeconds: ctx.durationSeconds, warmupSeconds: 2, paths: portalPaths(ctx.team.id), cookies: [cookie] });
      ctx.log(`  portal ${c} clients: p50 ${ms(p.latency.p50)}, ${round(p.rps, 0)} req/s`);
      rows.push(row("WhatTalk direct", c, d), row("portal", c, p));
      const o = { p50: p.latency.p50 - d.latency.p50, p95: p.latency.p95 - d.latency.p95, p99: p.latency.p99 - d.latency.p99 };
      overhead.push([c, ms(o.p50), ms(o.p95), ms(o.p99), ratio(p.latency.p50, d.latency.p50), ratio(p.rps, d.rps)]);
      figures[`c${c}`] = { direct: d, portal: p, overheadMs: o };
      if (c === 16) targets.push({ name: "p50 overhead at 16 clients", target: "< 5 ms", value: ms(o.p50), met: o.p50 < 5 });
    }
    return {
      status: "ok",
      figures,
      targets,
      markdown: [
        ...table(HEAD, rows),
        "",
        ...table(["clients", "p50 overhead", "p95 overhead", "p99 overhead", "p50 portal/direct", "req/s portal/direct"], overhead),
        "",
        `Query: ${PAGES} distinct pages of ${PER_PAGE} calls (no two concurrent requests identical, so nothing is coalesced), as a supervisor; the portal validates the answer, shapes the DTOs and checks session, membership and credential on every request.`,
        `App CPU per request (200 sequential requests, all threads of the process): ${ms(cpu.cpuMs)}; one instance's ceiling is then about ${round(1000 / cpu.cpuMs, 0)} requests/s per core its main thread gets.`,
      ],
    };
  },
};

export const cacheAndCoalescing: Benchmark = {
  id: 2,
  title: "Cache and coalescing: the same query with the cache warm; 100 identical concurrent requests",
  async run(ctx) {
    const app = ctx.env.apps.cached;
    const cookie = await ctx.supervisorCookie(app.url);
    const paths = portalPaths(ctx.team.id);
    // Warm every key once (the cache instance keeps answers 10 minutes).
    for (const p of paths) {
      const res = await fetch(`${app.url}${p}`, { headers: { cookie } });
      if (!res.ok) throw new Error(`warming ${p}: HTTP ${res.status}`);
      await res.arrayBuffer();
    }
    const check = (await (await fetch(`${app.url}${paths[0]}`, { headers: { cookie } })).json()) as { meta: { cache: string } };
    if (check.meta.cache !== "hit") throw new Error(`cache not warm: ${check.meta.cache}`);
    const cpu = await cpuPerRequest(app.process.pid!, (i) => `${app.url}${paths[i % paths.length]}`, { cookie });

    const rows: (string | number)[][] = [];
    const ratios: (string | number)[][] = [];
    const figures: Record<string, unknown> = {};
    const targets: Target[] = [];
    // Baselines first (shared with benchmark 1), so that the simulator's log below holds only what
    // the portal asked during the warm-cache runs.
    for (const c of LEVELS) await direct(ctx, c);
    await ctx.env.sim.clearRequests();
    for (const c of LEVELS) {
      const d = await direct(ctx, c);
      const p = await runLoad({ url: app.url, connections: c, durationSeconds: ctx.durationSeconds, warmupSeconds: 2, paths, cookies: [cookie] });
      ctx.log(`  cached ${c} clients: p50 ${ms(p.latency.p50)}, ${round(p.rps, 0)} req/s`);
      rows.push(row("WhatTalk direct", c, d), row("portal, cache warm", c, p));
      ratios.push([c, ms(p.latency.p50), ms(d.latency.p50), ratio(p.latency.p50, d.latency.p50), ratio(p.rps, d.rps)]);
      figures[`c${c}`] = { direct: d, portal: p };
      if (c === 1 || c === 16) targets.push({ name: `p50 with warm cache, ${c} client${c > 1 ? "s" : ""}`, target: "< 3 ms", value: ms(p.latency.p50), met: p.latency.p50 < 3 });
    }
    const warmUpstream = await ctx.env.sim.requests();
    const upstreamDuringWarm = warmUpstream.length;
    figures.upstreamDuringWarmSample = warmUpstream.slice(0, 10).map((r) => ({ path: r.path, query: r.query, status: r.status }));

    // Coalescing: 100 identical concurrent requests for a query nobody asked before.
    const coalesce: (string | number)[][] = [];
    for (const [label, target] of [
      ["cache on", ctx.env.apps.cached],
      ["cache off", ctx.env.apps.nocache],
    ] as const) {
      const c = await ctx.supervisorCookie(target.url);
      const query = `status=completed&type=outbound&per_page=17&page=${label === "cache on" ? 3 : 4}`;
      await ctx.env.sim.clearRequests();
      const t0 = performance.now();
      const answers = await Promise.all(
        Array.from({ length: 100 }, async () => {
          const res = await fetch(`${target.url}/api/teams/${ctx.team.id}/calls?${query}`, { headers: { cookie: c } });
          const body = (await res.json()) as { meta?: { cache: string } };
          return { status: res.status, cache: body.meta?.cache ?? "?" };
        }),
      );
      const wall = performance.now() - t0;
      const upstream = (await ctx.env.sim.requests()).filter((r) => r.path === "/api/user/calls" && r.query.per_page === "17").length;
      const ok = answers.filter((a) => a.status === 200).length;
      const byCache = answers.reduce<Record<string, number>>((m, a) => ((m[a.cache] = (m[a.cache] ?? 0) + 1), m), {});
      coalesce.push([label, 100, ok, upstream, Object.entries(byCache).map(([k, v]) => `${k} ${v}`).join(", "), ms(wall)]);
      figures[`coalescing ${label}`] = { requests: 100, ok, upstream, byCache, wallMs: wall };
      // With the cache off only requests in flight at the same moment share one upstream request;
      // later ones (the app answers 100 concurrent requests over a second or two) ask again.
      targets.push(
        label === "cache on"
          ? { name: "100 identical concurrent requests (cache on) → upstream requests", target: "1", value: String(upstream), met: upstream === 1 && ok === 100 }
          : { name: "100 identical concurrent requests (cache off, in-flight coalescing only) → upstream requests", target: "reported", value: String(upstream), met: null },
      );
    }
    figures.upstreamDuringWarmLoad = upstreamDuringWarm;
    figures.cpuPerRequest = cpu;
    return {
      status: "ok",
      figures,
      targets,
      markdown: [
        ...table(HEAD, rows),
        "",
        ...table(["clients", "portal p50 (warm)", "direct p50", "portal/direct p50", "req/s portal/direct"], ratios),
        "",
        `App CPU per cache hit (200 sequential requests): ${ms(cpu.cpuMs)}, ${ms(cpu.wallMs)} each end to end.`,
        "",
        `Upstream requests during the warm-cache runs: ${upstreamDuringWarm}${upstreamDuringWarm ? `, for ${new Set(warmUpstream.map((r) => JSON.stringify(r.query))).size} distinct pages (${[...new Set(warmUpstream.map((r) => `page ${(r.query as Record<string, string>).page}`))].slice(0, 5).join(", ")}): pages holding a call in a live status (the simulator has 3 stale ones) are never cached, by design` : " (every answer came from the cache)"}.`,
        "",
        ...table(["instance", "identical concurrent requests", "200 OK", "upstream requests", "answers by cache state", "wall time"], coalesce),
      ],
    };
  },
};
