// Benchmark 4: an agent with 5 assigned assistants (the portal merges 5 upstream lists newest
// first, exactly) against a supervisor's single query, pages 1, 10 and 50: upstream requests and
// latency. Cache off, so every page is computed from WhatTalk.
import type { Benchmark } from "./context";
import { table } from "./context";
import { ms, ratio, summarise } from "./stats";

const PAGES = [1, 10, 50];
const SAMPLES = 5;

export const agentMerge: Benchmark = {
  id: 4,
  title: "Agent merge: 5 assigned assistants vs a supervisor's single query (pages 1, 10, 50)",
  async run(ctx) {
    const app = ctx.env.apps.nocache;
    const roles = { supervisor: await ctx.supervisorCookie(app.url), agent: await ctx.agentCookie(app.url) };
    const rows: (string | number)[][] = [];
    const figures: Record<string, unknown> = {};
    for (const page of PAGES) {
      const result: Record<string, { latency: ReturnType<typeof summarise>; upstream: ReturnType<typeof summarise>; total: number }> = {};
      for (const [role, cookie] of Object.entries(roles)) {
        const latencies: number[] = [];
        const upstream: number[] = [];
        let total = 0;
        for (let i = 0; i < SAMPLES + 1; i++) {
          await ctx.env.sim.clearRequests();
          const t0 = performance.now();
          const res = await fetch(`${app.url}/api/teams/${ctx.team.id}/calls?per_page=25&page=${page}`, { headers: { cookie } });
          const body = (await res.json()) as { total?: number; calls?: unknown[] };
          const elapsed = performance.now() - t0;
          if (res.status !== 200 || body.calls?.length !== 25) throw new Error(`${role} page ${page}: HTTP ${res.status}, ${body.calls?.length} calls`);
          if (i === 0) continue; // first request of each series warms code paths
          latencies.push(elapsed);
          upstream.push((await ctx.env.sim.requests()).length);
          total = body.total ?? 0;
        }
        result[role] = { latency: summarise(latencies), upstream: summarise(upstream), total };
      }
      const s = result.supervisor;
      const a = result.agent;
      figures[`page ${page}`] = result;
      rows.push([page, s.total, a.total, s.upstream.p50, a.upstream.p50, ratio(a.upstream.p50, s.upstream.p50), ms(s.latency.p50), ms(a.latency.p50), ratio(a.latency.p50, s.latency.p50)]);
    }
    return {
      status: "ok",
      figures,
      targets: [],
      markdown: [
        ...table(["page (25 per page)", "supervisor total", "agent total", "supervisor upstream req.", "agent upstream req.", "upstream ratio", "supervisor p50", "agent p50", "latency ratio"], rows),
        "",
        `p50 of ${SAMPLES} requests each (after one warm-up), cache off. The agent's page k needs the first 25·k calls of the merge: round 1 fetches each assistant's first 100 calls (which also gives its total); round 2 prefetches in parallel the chunks each assistant probably contributes; the merge fetches any further chunk it reaches. No target in the issue: the figures are what an agent's deep pages cost.`,
      ],
    };
  },
};
