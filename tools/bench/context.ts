// What every benchmark gets, and what it returns.
import type { BenchEnv } from "./environment";
import type { SeededTeam } from "./seed";

export type Target = { name: string; target: string; value: string; met: boolean | null };

export type BenchOutcome = {
  id: number;
  title: string;
  status: "ok" | "skipped" | "failed";
  /** Why it was skipped or failed. */
  reason?: string;
  /** Machine-readable figures (JSON report). */
  figures: Record<string, unknown>;
  /** Markdown lines: tables and notes (also printed). */
  markdown: string[];
  targets: Target[];
};

export type BenchContext = {
  env: BenchEnv;
  log: (line: string) => void;
  /** Seconds per measured load run (benchmarks 1 and 2). */
  durationSeconds: number;
  /** Seconds per run of benchmark 6, and how many runs. */
  loadSeconds: number;
  loadRuns: number;
  /** The benchmark team (simulator key wt_demo_alpha) with a supervisor and a 5-assistant agent. */
  team: SeededTeam;
  supervisorCookie: (appUrl: string) => Promise<string>;
  agentCookie: (appUrl: string) => Promise<string>;
};

export type Benchmark = { id: number; title: string; run(ctx: BenchContext): Promise<Omit<BenchOutcome, "id" | "title">> };

/** A Markdown table. */
export function table(head: string[], rows: (string | number)[][]): string[] {
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)];
}
