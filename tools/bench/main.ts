// `npm run bench`: the benchmarks against the production build; writes bench-results/ and (full run)
// docs/benchmarks.md. Options: docs/design-notes.md.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuild } from "../build";
import { ROOT } from "../stack";
import type { Benchmark, BenchContext, BenchOutcome } from "./context";
import { startBenchEnv, signIn } from "./environment";
import { writeReports } from "./report";

type Args = { only: number[] | null; durationSeconds: number; loadSeconds: number; loadRuns: number; noBuild: boolean; database: "embedded" | "postgresql" };

function parseArgs(argv: string[]): Args {
  const args: Args = { only: null, durationSeconds: 10, loadSeconds: 60, loadRuns: 3, noBuild: false, database: "embedded" };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i];
    if (flag === "--only") args.only = value().split(",").map(Number);
    else if (flag === "--duration") args.durationSeconds = Number(value());
    else if (flag === "--load-seconds") args.loadSeconds = Number(value());
    else if (flag === "--load-runs") args.loadRuns = Number(value());
    else if (flag === "--quick") Object.assign(args, { durationSeconds: 3, loadSeconds: 10, loadRuns: 2 });
    else if (flag === "--no-build") args.noBuild = true;
    else if (flag === "--database") {
      const v = value();
      if (v !== "embedded" && v !== "postgresql") throw new Error("--database is embedded or postgresql");
      args.database = v;
    }
    else throw new Error(`unknown option ${argv[i]} (see tools/bench/main.ts)`);
  }
  return args;
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    ramGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    date: new Date().toISOString(),
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const log = (line: string) => console.log(`[bench] ${line}`);
  if (!args.noBuild) await ensureBuild(log);
  else if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("--no-build, but there is no production build (.next/BUILD_ID)");

  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const outDir = path.join(ROOT, "bench-results");
  const env = await startBenchEnv({ log, logDir: path.join(outDir, `${stamp}-logs`), database: args.database });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await env.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(130));
  process.on("SIGTERM", () => void stop(143));

  const loadBefore = os.loadavg();
  const outcomes: BenchOutcome[] = [];
  try {
    const { seedTeam } = await import("./seed");
    const team = await seedTeam({ slug: "bench", apiKey: "wt_demo_alpha", timeZone: "Europe/Istanbul", country: "TR", roles: { OWNER: 1, SUPERVISOR: 1, AGENT: 1 }, agentAssistants: [101, 102, 103, 104, 105] });
    const cookies = new Map<string, Promise<string>>();
    const cookieFor = (email: string) => (appUrl: string) => {
      const k = `${appUrl} ${email}`;
      if (!cookies.has(k)) cookies.set(k, signIn(appUrl, email));
      return cookies.get(k)!;
    };
    const ctx: BenchContext = {
      env,
      log,
      durationSeconds: args.durationSeconds,
      loadSeconds: args.loadSeconds,
      loadRuns: args.loadRuns,
      team,
      supervisorCookie: cookieFor(team.users.find((u) => u.role === "SUPERVISOR")!.email),
      agentCookie: cookieFor(team.users.find((u) => u.role === "AGENT")!.email),
    };

    const { proxyOverhead, cacheAndCoalescing } = await import("./proxy");
    const { callsPage } = await import("./page");
    const { agentMerge } = await import("./merge");
    const { csvExport } = await import("./export");
    const { loadMix } = await import("./load-mix");
    const all: Benchmark[] = [proxyOverhead, cacheAndCoalescing, callsPage, agentMerge, csvExport, loadMix];
    for (const b of all) {
      if (args.only && !args.only.includes(b.id)) continue;
      log(`${b.id}. ${b.title}`);
      let outcome: BenchOutcome;
      try {
        outcome = { id: b.id, title: b.title, ...(await b.run(ctx)) };
      } catch (error) {
        outcome = { id: b.id, title: b.title, status: "failed", reason: error instanceof Error ? (error.stack ?? error.message) : String(error), figures: {}, markdown: [], targets: [] };
      }
      outcomes.push(outcome);
      printOutcome(outcome);
    }
  } finally {
    await env.stop();
  }

  const report = {
    machine: machine(),
    loadAverage: { before: loadBefore.map((v) => Math.round(v * 100) / 100), after: os.loadavg().map((v) => Math.round(v * 100) / 100) },
    database: env.databaseKind,
    options: args,
    outcomes,
  };
  const files = writeReports(report, { outDir, stamp, updateDocs: !args.only && outcomes.length === 6 });
  log(`Wrote ${files.map((f) => path.relative(ROOT, f)).join(", ")}`);
  process.exit(outcomes.some((o) => o.status === "failed") ? 1 : 0);
}

function printOutcome(o: BenchOutcome) {
  console.log("");
  console.log(`== ${o.id}. ${o.title} — ${o.status}${o.reason ? `: ${o.reason}` : ""}`);
  for (const line of o.markdown) console.log(line);
  for (const t of o.targets) console.log(`  target ${t.name}: ${t.value} (target ${t.target}) ${t.met === null ? "" : t.met ? "MET" : "NOT MET"}`);
  console.log("");
}

main().catch((error: unknown) => {
  console.error(`[bench] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
