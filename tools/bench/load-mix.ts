// Benchmark 6: 200 concurrent users for 60 s on a realistic mix against production defaults.
// The mix and the checks: docs/design-notes.md.
import fs from "node:fs";
import path from "node:path";
import type { Benchmark, BenchContext } from "./context";
import { table } from "./context";
import { runLoad, type LoadRequest, type LoadResult } from "./load";
import { appHeap, rssBytes, type HeapReport } from "./memory";
import { seedTeam, type SeededTeam } from "./seed";
import { signIn } from "./environment";
import { mb, ms, round } from "./stats";

const USERS_PER_TEAM = 50;
const AGENTS_PER_TEAM = 10;
/** Heap bytes per byte of cached JSON answer (parsed, validated, frozen): measured 1.68. */
const PARSED_PER_JSON_BYTE = 1.7;
const INTENDED_429 = new Set(["429 RATE_LIMITED/budget_exhausted", "429 RATE_LIMITED/member_share_exhausted", "429 RATE_LIMITED/rate_limited"]);

/** A small deterministic PRNG (mulberry32) so that every run sends the same mix. */
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

type TeamSetup = { team: SeededTeam; agentAssistants: number[]; callIds: { all: number[]; byAssistant: Map<number, number[]> }; viewFilters: Record<string, string>[] };

async function callIdsOf(ctx: BenchContext, apiKey: string) {
  const res = await fetch(`${ctx.env.sim.apiUrl}/user/calls?per_page=100&page=2`, { headers: { authorization: `Bearer ${apiKey}`, accept: "application/json" } });
  const body = (await res.json()) as { data: { id: number; assistant_id: number | null }[] };
  const byAssistant = new Map<number, number[]>();
  for (const c of body.data) if (c.assistant_id !== null) byAssistant.set(c.assistant_id, [...(byAssistant.get(c.assistant_id) ?? []), c.id]);
  return { all: body.data.slice(0, 40).map((c) => c.id), byAssistant };
}

function listQuery(r: () => number): Record<string, string> {
  const q: Record<string, string> = {};
  const status = pick(r, ["", "", "", "completed", "no-answer", "failed"]);
  const type = pick(r, ["", "", "inbound", "outbound"]);
  const range = pick(r, ["", "", "last7", "last30"]);
  if (status) q.status = status;
  if (type) q.type = type;
  if (range === "last7") Object.assign(q, { date_from: day(-6), date_to: day(0) });
  if (range === "last30") Object.assign(q, { date_from: day(-29), date_to: day(0) });
  q.per_page = pick(r, ["25", "25", "50"]);
  q.page = pick(r, ["1", "1", "1", "2", "3"]);
  return q;
}

function requestsFor(s: TeamSetup, role: "SUPERVISOR" | "AGENT", seed: number): LoadRequest[] {
  const r = prng(seed);
  const base = `/api/teams/${s.team.id}`;
  const ids = role === "AGENT" ? s.agentAssistants.flatMap((a) => s.callIds.byAssistant.get(a) ?? []).slice(0, 20) : s.callIds.all;
  const out: LoadRequest[] = [];
  for (let i = 0; i < 60; i++) {
    const x = r();
    if (x < 0.5) out.push({ kind: "list", path: `${base}/calls?${new URLSearchParams(listQuery(r))}` });
    else if (x < 0.65 && s.viewFilters.length) out.push({ kind: "list (saved view)", path: `${base}/calls?${new URLSearchParams({ ...pick(r, s.viewFilters), per_page: "25" })}` });
    else if (x < 0.9 && ids.length) out.push({ kind: "detail", path: `${base}/calls/${pick(r, ids)}` });
    else out.push({ kind: "views", path: `${base}/views` });
  }
  return out;
}

/** Three team views per team, through the API (their filters drive the "saved view" requests). */
async function createTeamViews(appUrl: string, setups: TeamSetup[], supervisorOf: (t: SeededTeam) => { email: string }): Promise<void> {
  for (const s of setups) {
    const cookie = await signIn(appUrl, supervisorOf(s.team).email);
    const views: { name: string; filters: Record<string, string> }[] = [
      { name: "Failed this week", filters: { status: "failed", date_from: day(-6), date_to: day(0) } },
      { name: "Inbound, last 30 days", filters: { type: "inbound", date_from: day(-29), date_to: day(0) } },
      { name: "Completed", filters: { status: "completed" } },
    ];
    for (const v of views) {
      const res = await fetch(`${appUrl}/api/teams/${s.team.id}/views`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ name: v.name, visibility: "TEAM", filters: v.filters, columns: ["time", "status", "type", "assistant", "duration"] }),
      });
      if (res.status !== 201) throw new Error(`creating a saved view: HTTP ${res.status} ${await res.text()}`);
      s.viewFilters.push(v.filters);
    }
  }
}

/** One session per user, teams interleaved so that neighbouring connections belong to different teams. */
async function signInAll(ctx: BenchContext, appUrl: string, setups: TeamSetup[]) {
  // One session per user (sign-ins verify argon2 hashes: a few at a time).
  ctx.log(`  signing in ${setups.length * USERS_PER_TEAM} users…`);
  const perTeam: { cookie: string; requests: LoadRequest[] }[][] = [];
  let seed = 1;
  for (const s of setups) {
    const users = [...s.team.users];
    const list: { cookie: string; requests: LoadRequest[] }[] = [];
    for (let i = 0; i < users.length; i += 8) {
      list.push(...(await Promise.all(users.slice(i, i + 8).map(async (u) => ({ cookie: await signIn(appUrl, u.email), requests: requestsFor(s, u.role === "AGENT" ? "AGENT" : "SUPERVISOR", seed++) })))));
    }
    perTeam.push(list);
  }
  // Interleave teams, so that neighbouring connections belong to different teams.
  return perTeam[0].flatMap((_, i) => perTeam.map((list) => list[i]).filter(Boolean));
}

type Round = { result: LoadResult; rssAfter: number; heap: HeapReport | null };

/** The load runs, each followed by the app's memory 5 s later. */
async function runRounds(ctx: BenchContext, appUrl: string, sessions: { cookie: string; requests: LoadRequest[] }[], pid: number, logFile: string): Promise<Round[]> {
  const runs: Round[] = [];
  for (let run = 0; run < ctx.loadRuns; run++) {
    await ctx.env.sim.clearRequests();
    const result = await runLoad({ url: appUrl, connections: sessions.length, durationSeconds: ctx.loadSeconds, sessions, connectionRate: 1, timeoutSeconds: 30 });
    await new Promise((r) => setTimeout(r, 5_000));
    const rssAfter = rssBytes(pid);
    const heap = await appHeap(pid, logFile);
    runs.push({ result, rssAfter, heap });
    const s5 = Object.entries(result.statuses).filter(([k]) => Number(k) >= 500).reduce((n, [, v]) => n + v, 0);
    ctx.log(`  run ${run + 1}: ${result.requests} requests, p95 ${ms(result.latency.p95)}, 5xx ${s5}, 429 ${result.statuses["429"] ?? 0}, RSS ${mb(rssAfter)}, heap after GC ${heap ? mb(heap.memory.heapUsed) : "?"}`);
  }
  return runs;
}

export const loadMix: Benchmark = {
  id: 6,
  title: "Load: 200 concurrent users for 60 s on a realistic mix (lists, details, saved views), three runs",
  async run(ctx) {
    const app = ctx.env.apps.defaults;
    const specs = [
      { slug: "load-a", apiKey: "wt_demo_alpha", timeZone: "Europe/Istanbul", country: "TR", assistants: [101, 102] },
      { slug: "load-b", apiKey: "wt_demo_alpha", timeZone: "Europe/Istanbul", country: "TR", assistants: [103, 104] },
      { slug: "load-c", apiKey: "wt_demo_beta", timeZone: "Europe/Berlin", country: "DE", assistants: [201, 202] },
      { slug: "load-d", apiKey: "wt_demo_gamma", timeZone: "America/New_York", country: "US", assistants: [301] },
    ];
    const setups: TeamSetup[] = [];
    for (const s of specs) {
      const team = await seedTeam({ slug: s.slug, apiKey: s.apiKey, timeZone: s.timeZone, country: s.country, roles: { SUPERVISOR: USERS_PER_TEAM - AGENTS_PER_TEAM, AGENT: AGENTS_PER_TEAM }, agentAssistants: s.assistants });
      setups.push({ team, agentAssistants: s.assistants, callIds: await callIdsOf(ctx, s.apiKey), viewFilters: [] });
    }

    // Saved views through the API (is the route there?), three team views per team.
    const supervisorOf = (t: SeededTeam) => t.users.find((u) => u.role === "SUPERVISOR")!;
    const firstCookie = await signIn(app.url, supervisorOf(setups[0].team).email);
    const probe = await fetch(`${app.url}/api/teams/${setups[0].team.id}/views`, { headers: { cookie: firstCookie } });
    if (probe.status === 404 && !(probe.headers.get("content-type") ?? "").includes("json")) {
      return { status: "skipped", reason: "GET /api/teams/{id}/views is not in this build", figures: {}, markdown: [], targets: [] };
    }
    await probe.arrayBuffer();
    await createTeamViews(app.url, setups, supervisorOf);

    const sessions = await signInAll(ctx, app.url, setups);

    const pid = app.process.pid!;
    const logFile = path.join(ctx.env.logDir, "app-defaults.log");
    const rssStart = rssBytes(pid);
    const heapStart = await appHeap(pid, logFile);
    const runs = await runRounds(ctx, app.url, sessions, pid, logFile);

    const rows = runs.map(({ result: r, rssAfter, heap }, i) => {
      const s5 = Object.entries(r.statuses).filter(([k]) => Number(k) >= 500).reduce((n, [, v]) => n + v, 0);
      const unintended = Object.entries(r.reasons).filter(([k]) => k.startsWith("4") && !INTENDED_429.has(k) && !k.startsWith("404"));
      const cache = heap?.responseCache ? `${heap.responseCache.entries} / ${mb(heap.responseCache.bytes)}` : "?";
      return [i + 1, r.requests, round(r.rps, 0), r.statuses["200"] ?? 0, r.statuses["429"] ?? 0, s5, r.errors + r.timeouts, unintended.reduce((n, [, v]) => n + v, 0), ms(r.latency.p50), ms(r.latency.p95), ms(r.latency2xx.p95), mb(rssAfter), heap ? mb(heap.memory.heapUsed) : "?", cache];
    });
    const last = runs[runs.length - 1].result;
    const kindRows = Object.entries(last.byKind).map(([k, v]) => [k, v.requests, Object.entries(v.statuses).map(([s, n]) => `${s}: ${n}`).join(", "), ms(v.latency.p50), ms(v.latency.p95)]);
    const total5xx = runs.reduce((n, { result }) => n + Object.entries(result.statuses).filter(([k]) => Number(k) >= 500).reduce((m, [, v]) => m + v, 0), 0);
    const totalErrors = runs.reduce((n, { result }) => n + result.errors + result.timeouts, 0);
    const reasons: Record<string, number> = {};
    for (const { result } of runs) for (const [k, v] of Object.entries(result.reasons)) reasons[k] = (reasons[k] ?? 0) + v;
    const unintended = Object.entries(reasons).filter(([k]) => k.startsWith("429") && !INTENDED_429.has(k));
    // Logs stay JSON under load: anything else (e.g. Next's plain-text "⨯ unhandledRejection") counts.
    const logLines = fs.readFileSync(logFile, "utf8").split("\n").filter((l) => l.trim());
    const banner = /^(▲ Next\.js |- (Local|Network): |✓ (Ready in|Running next\.config|Starting))/;
    const plain = logLines.filter((l) => !l.startsWith("{") && !banner.test(l));
    // Growth = heap after a full GC, first run → last run, net of the bounded caches' own growth
    // (bounded by design: 64 MB of answers kept up to 10 minutes for stale serving; a cached answer
    // takes about 1.7× its JSON size in the heap once parsed, measured with 200 pages of 25 calls).
    const heaps = runs.map((r) => r.heap);
    const h1 = heaps[0];
    const hN = heaps[heaps.length - 1];
    const heapGrowth = h1 && hN ? hN.memory.heapUsed - h1.memory.heapUsed : NaN;
    const cacheGrowth = h1?.responseCache && hN?.responseCache ? hN.responseCache.bytes - h1.responseCache.bytes : 0;
    // The query plan cache (lib/db.ts) is bounded too (16 M characters of query text and plans as
    // JSON); its plans are parsed objects, counted with the same factor as the cached answers.
    const planGrowth = h1?.planCache && hN?.planCache ? hN.planCache.chars - h1.planCache.chars : 0;
    const netGrowth = heapGrowth - PARSED_PER_JSON_BYTE * (cacheGrowth + planGrowth);
    return {
      status: "ok",
      figures: { users: sessions.length, rssStart, heapStart, runs: runs.map((r) => ({ ...r.result, rssAfter: r.rssAfter, heap: r.heap })), reasons, plainLogLines: plain.slice(0, 20) },
      targets: [
        { name: "5xx answers and connection errors (all runs)", target: "0", value: String(total5xx + totalErrors), met: total5xx + totalErrors === 0 },
        { name: "429s other than a spent team budget (all runs)", target: "0", value: String(unintended.reduce((n, [, v]) => n + v, 0)), met: unintended.length === 0 },
        { name: "app log lines that are not JSON (besides the start-up banner)", target: "0", value: `${plain.length} of ${logLines.length}`, met: plain.length === 0 },
        { name: "p95 latency, last run (all answers / 2xx)", target: "reported", value: `${ms(last.latency.p95)} / ${ms(last.latency2xx.p95)}`, met: null },
        {
          name: `heap after full GC, run 1 → run ${runs.length}, net of the bounded caches' growth`,
          target: "≤ +10%",
          value: h1 && hN ? `${mb(h1.memory.heapUsed)} → ${mb(hN.memory.heapUsed)}: ${netGrowth >= 0 ? "+" : ""}${mb(netGrowth)} net (response cache +${mb(cacheGrowth)} of answers ≈ ${mb(PARSED_PER_JSON_BYTE * cacheGrowth)} of heap; query plan cache +${mb(planGrowth)} of JSON ≈ ${mb(PARSED_PER_JSON_BYTE * planGrowth)}, ${hN?.planCache?.entries ?? "?"} plans)` : "not measured",
          met: h1 && hN ? netGrowth <= h1.memory.heapUsed * 0.1 : null,
        },
      ],
      markdown: [
        ...table(["run", "requests", "req/s", "200", "429", "5xx", "errors", "other 4xx", "p50", "p95", "p95 (2xx)", "RSS after (+5 s)", "heap after GC", "response cache (entries / answers)"], rows),
        "",
        `Answers other than 200, all runs: ${Object.entries(reasons).map(([k, v]) => `${k}: ${v}`).join(", ") || "none"}. Before the first run: RSS ${mb(rssStart)}, heap after GC ${heapStart ? mb(heapStart.memory.heapUsed) : "?"}.`,
        "",
        ...table(["request kind (last run)", "requests", "statuses", "p50", "p95"], kindRows),
        "",
        `${sessions.length} users (${setups.length} teams × ${USERS_PER_TEAM}: ${USERS_PER_TEAM - AGENTS_PER_TEAM} supervisors, ${AGENTS_PER_TEAM} agents with their assistants' calls merged), one connection each at 1 request/s, ${ctx.loadSeconds} s per run. Instance with production defaults: 15 s cache, 100 upstream requests per team per minute, half of it per member; a 429 with RATE_LIMITED/budget_exhausted or member_share_exhausted is that budget doing its job (a stale copy is served instead when one exists).`,
      ],
    };
  },
};
