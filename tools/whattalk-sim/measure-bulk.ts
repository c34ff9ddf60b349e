// Measures a bulk account: `npx tsx tools/whattalk-sim/measure-bulk.ts [calls]` (default 100,000)
// prints the start time, the process's memory and page request times (p50/p95, real HTTP).

import { startSimulator } from "./server";

const KEY = "wt_bulk";

async function pageTimes(apiUrl: string, query: string, n: number): Promise<{ p50: number; p95: number; total: number }> {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await fetch(`${apiUrl}/user/calls${query}`, { headers: { Authorization: `Bearer ${KEY}`, Accept: "application/json" } });
    total = ((await res.json()) as { total: number }).total;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(n / 2)], p95: times[Math.floor(n * 0.95)], total };
}

async function main() {
  const calls = Number(process.argv[2] ?? 100_000);
  const before = process.memoryUsage().rss;
  const t = performance.now();
  const sim = await startSimulator({ port: 0, quiet: true, anchor: "now", extraAccounts: [{ key: KEY, calls }] });
  const started = performance.now() - t;
  const mb = (b: number) => `${Math.round(b / 1e6)} MB`;
  const m = process.memoryUsage();
  console.log(`${calls} calls: started in ${Math.round(started)} ms; RSS ${mb(m.rss)} (${mb(before)} before), heap used ${mb(m.heapUsed)}`);
  await pageTimes(sim.apiUrl, "?per_page=100", 20); // warm-up
  const last = Math.ceil(calls / 100);
  for (const q of ["?per_page=100", `?per_page=100&page=${Math.ceil(last / 2)}`, `?per_page=100&page=${last}`, "?per_page=100&status=completed&page=10", "?per_page=100&phone_number=532"]) {
    const r = await pageTimes(sim.apiUrl, q, 100);
    console.log(`GET /api/user/calls${q}: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms (total ${r.total})`);
  }
  await sim.close();
}

void main();
