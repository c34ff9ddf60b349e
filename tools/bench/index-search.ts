// `npm run bench:index [-- --calls N --iterations N --database embedded|postgresql --json FILE]`: the
// call index's search times (p50/p95), EXPLAIN plans and storage. docs/benchmarks.md, "Call index".
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../db/embedded";
import { migrate } from "../db/migrate";
import { startPostgres } from "../services";
import type { IndexBenchResult } from "./index-search-run";
import { mb, round } from "./stats";

type Args = { calls: number; iterations: number; warmups: number; database: "embedded" | "postgresql"; json: string | null; plans: boolean };

function parseArgs(argv: string[]): Args {
  const args: Args = { calls: 100_000, iterations: 50, warmups: 5, database: "embedded", json: null, plans: true };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i];
    const count = (name: string) => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new Error(`${name} is a positive integer`);
      return n;
    };
    if (flag === "--calls") args.calls = count("--calls");
    else if (flag === "--iterations") args.iterations = count("--iterations");
    else if (flag === "--warmups") args.warmups = count("--warmups");
    else if (flag === "--json") args.json = value();
    else if (flag === "--no-plans") args.plans = false;
    else if (flag === "--database") {
      const v = value();
      if (v !== "embedded" && v !== "postgresql") throw new Error("--database is embedded or postgresql");
      args.database = v;
    } else throw new Error(`unknown option ${argv[i]} (see tools/bench/index-search.ts)`);
  }
  return args;
}

/** The report as Markdown: times per query, storage, then (optionally) each plan. */
function formatIndexReport(r: IndexBenchResult, database: string, plans: boolean): string {
  const lines = [`Call index, ${r.calls} calls, ${database}: insert ${round(r.insertSeconds)} s, VACUUM ANALYZE ${round(r.vacuumSeconds)} s`, ""];
  lines.push("| query | matches | p50 | p95 | trigram index (page / count) |", "|---|---:|---:|---:|---|");
  for (const q of r.queries) lines.push(`| ${q.name} | ${q.total} | ${round(q.times.p50)} ms | ${round(q.times.p95)} ms | ${q.trigram.page ? "yes" : "no"} / ${q.trigram.count ? "yes" : "no"} |`);
  const s = r.storage;
  lines.push("", `Storage: total ${mb(s.total)} (${s.bytesPerCall} bytes per call over ${s.rows} calls); table ${mb(s.table)}, TOAST ${mb(s.toast)}`);
  for (const i of s.indexes) lines.push(`- ${i.name}: ${mb(i.bytes)}`);
  if (plans) for (const q of r.queries) lines.push("", `### ${q.name}`, "", "```", q.pagePlan, "", q.countPlan, "```");
  return lines.join("\n");
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const log = (line: string) => console.log(`[bench:index] ${line}`);
  const embeddedDir = args.database === "embedded" ? fs.mkdtempSync(path.join(os.tmpdir(), "bench-index-")) : null;
  const database = embeddedDir
    ? await startEmbeddedPostgres({ dataDir: embeddedDir })
    : await startPostgres(process.env.BENCH_DATABASE_URL || process.env.PG_URL || undefined);
  try {
    await migrate(database.url);
    process.env.DATABASE_URL = database.url;
    if (embeddedDir) process.env.DATABASE_POOL_SIZE = "1";
    const load = os.loadavg().map((l) => l.toFixed(2)).join(" ");
    const cpus = os.cpus();
    log(`${cpus[0]?.model.trim()} × ${cpus.length}, ${round(os.totalmem() / 1024 ** 3)} GB, Node ${process.version}; load average ${load}`);
    const { runIndexSearchBench } = await import("./index-search-run");
    const result = await runIndexSearchBench({ calls: args.calls, iterations: args.iterations, warmups: args.warmups, log });
    log(`load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    console.log(formatIndexReport(result, args.database, args.plans));
    if (args.json) fs.writeFileSync(args.json, JSON.stringify({ database: args.database, loadBefore: load, loadAfter: os.loadavg(), ...result }, null, 2));
    const { disconnectDb } = await import("@/lib/db");
    await disconnectDb();
  } finally {
    await database.stop();
    if (embeddedDir) fs.rmSync(embeddedDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
