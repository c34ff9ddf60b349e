// HTTP load with autocannon, run in a child process (load-worker.ts) so that the load generator has
// its own event loop. Latencies are recorded per response (autocannon's own histogram has no p95).
import { spawn } from "node:child_process";
import path from "node:path";
import type { Summary } from "./stats";

export type LoadRequest = { path: string; kind?: string };

export type LoadSpec = {
  /** Origin of the target, e.g. http://127.0.0.1:3000 */
  url: string;
  connections: number;
  durationSeconds: number;
  /** Load before measuring (not recorded). */
  warmupSeconds?: number;
  /** Simple form: paths requested in turn by every connection (each from its own offset)... */
  paths?: string[];
  /** ...with connection i sending cookies[i % length]. */
  cookies?: string[];
  /** Or one session per connection (connection i uses sessions[i % length]), each with its own requests. */
  sessions?: { cookie?: string; requests: LoadRequest[] }[];
  /** Requests per second per connection (think time); unset = as fast as answers come. */
  connectionRate?: number;
  headers?: Record<string, string>;
  timeoutSeconds?: number;
};

export type KindStats = { requests: number; latency: Summary; statuses: Record<string, number> };

export type LoadResult = {
  spec: Pick<LoadSpec, "url" | "connections" | "durationSeconds" | "connectionRate">;
  durationSeconds: number;
  requests: number;
  rps: number;
  latency: Summary;
  /** Latency of 2xx answers only. */
  latency2xx: Summary;
  /** Answers by HTTP status. */
  statuses: Record<string, number>;
  /** Non-2xx answers by status and the portal's error code (`429 RATE_LIMITED/budget_exhausted`). */
  reasons: Record<string, number>;
  /** Per request kind, when the requests have kinds. */
  byKind: Record<string, KindStats>;
  /** Connection errors and timeouts (no HTTP answer). */
  errors: number;
  timeouts: number;
};

const ROOT = path.resolve(__dirname, "..", "..");

export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), path.join(__dirname, "load-worker.ts")], {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "inherit"],
      env: { ...process.env, NODE_OPTIONS: "" },
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`load worker exited with code ${code}`));
      const last = out.trim().split("\n").pop() ?? "";
      try {
        resolve({ spec: { url: spec.url, connections: spec.connections, durationSeconds: spec.durationSeconds, connectionRate: spec.connectionRate }, ...(JSON.parse(last) as Omit<LoadResult, "spec">) });
      } catch {
        reject(new Error(`load worker printed no result: ${out.slice(-500)}`));
      }
    });
    child.stdin.end(JSON.stringify(spec));
  });
}
