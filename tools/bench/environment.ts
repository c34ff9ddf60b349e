// The benchmark stack: a database, the simulator (50 ms latency) and three `next start` instances
// with different cache settings. Which is which: docs/design-notes.md.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { generateSecrets } from "../secrets";
import { startPostgres } from "../services";
import { ROOT, freePort, startStack, type AppInstance, type Stack } from "../stack";

export const SIM_LATENCY_MS = 50;
export const BENCH_PASSWORD = "bench-password-1";

export type Sim = {
  url: string;
  apiUrl: string;
  process: ChildProcess;
  control<T = unknown>(p: string, init?: { method?: string; json?: unknown }): Promise<T>;
  /** Upstream API requests recorded since the last clear. */
  requests(): Promise<SimRequest[]>;
  clearRequests(): Promise<void>;
  stop(): Promise<void>;
};

export type SimRequest = { method: string; path: string; query: Record<string, string | string[]>; keyHint: string | null; status: number | null; durationMs: number };

export type BenchEnv = {
  databaseKind: "embedded" | "postgresql";
  sim: Sim;
  stack: Stack;
  apps: { nocache: AppInstance; cached: AppInstance; defaults: AppInstance };
  secrets: Record<string, string>;
  logDir: string;
  stop(): Promise<void>;
};

/** The simulator as a separate process (`tools/whattalk-sim/main.ts`), so its event loop is its own. */
export async function startSimProcess(opts: { latencyMs: number; log: (s: string) => void }): Promise<Sim> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), path.join(ROOT, "tools", "whattalk-sim", "main.ts")], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: "", SIM_PORT: String(port), SIM_LATENCY_MS: String(opts.latencyMs), SIM_QUIET: "1", SIM_ANCHOR: "now" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`the simulator did not start: ${out}`)), 60_000);
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString("utf8");
      if (out.includes("WhatTalk simulator at")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`the simulator exited (${code}): ${out}`)));
  });
  child.stdout!.resume();
  const control = async <T>(p: string, init: { method?: string; json?: unknown } = {}): Promise<T> => {
    const res = await fetch(`${url}/__control${p}`, {
      method: init.method ?? "GET",
      headers: init.json !== undefined ? { "content-type": "application/json" } : undefined,
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
    });
    if (!res.ok) throw new Error(`simulator control ${p}: HTTP ${res.status}`);
    return (await res.json()) as T;
  };
  opts.log(`WhatTalk simulator (own process) on ${url}, latency ${opts.latencyMs} ms`);
  return {
    url,
    apiUrl: `${url}/api`,
    process: child,
    control,
    requests: async () => (await control<SimRequest[]>("/requests")).filter((r) => r.path.startsWith("/api/")),
    clearRequests: async () => {
      await control("/requests", { method: "DELETE" });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export async function startBenchEnv(opts: { log: (s: string) => void; logDir: string; database: "embedded" | "postgresql" }): Promise<BenchEnv> {
  const { log, logDir } = opts;
  fs.mkdirSync(logDir, { recursive: true });
  const secrets = generateSecrets();
  // PostgreSQL: a fresh database on BENCH_DATABASE_URL's server, or a private cluster.
  const database = opts.database === "postgresql" ? await startPostgres(process.env.BENCH_DATABASE_URL || undefined) : undefined;
  if (database) log(`PostgreSQL database for this run: ${new URL(database.url).pathname.slice(1)}`);
  let sim: Sim | undefined;
  try {
    sim = await startSimProcess({ latencyMs: SIM_LATENCY_MS, log });
    const simHost = new URL(sim.url).host;
    const common = {
      ...secrets,
      WHATTALK_API_URL: sim.apiUrl,
      WHATTALK_RECORDING_HOSTS: `http://${simHost}`,
      LOG_LEVEL: "info",
      // Pool per instance on a real server (the embedded one gets 1 from the stack).
      ...(database ? { DATABASE_POOL_SIZE: "10" } : {}),
    };
    const high = "100000";
    const stack = await startStack({
      mode: "start",
      port: 0,
      databaseUrl: database?.url,
      simulator: false,
      env: { ...common, WHATTALK_CACHE_TTL_MS: "0", WHATTALK_TEAM_BUDGET_PER_MINUTE: high },
      appLog: { file: path.join(logDir, "app-nocache.log") },
      moreApps: [
        { env: { WHATTALK_CACHE_TTL_MS: "600000", WHATTALK_TEAM_BUDGET_PER_MINUTE: high }, appLog: { file: path.join(logDir, "app-cached.log") } },
        // --expose-gc: benchmark 6 reads the heap after a full collection (SIGUSR2, see instrumentation.ts).
        { env: { WHATTALK_CACHE_TTL_MS: undefined, WHATTALK_TEAM_BUDGET_PER_MINUTE: undefined }, appLog: { file: path.join(logDir, "app-defaults.log") }, nodeArgs: ["--expose-gc"] },
      ],
      log,
    });
    const [nocache, cached, defaults] = stack.apps;
    // The services used for seeding read the same database and secrets.
    Object.assign(process.env, secrets, { DATABASE_URL: stack.databaseUrl, WHATTALK_API_URL: sim.apiUrl });
    const s = sim;
    return {
      databaseKind: database ? "postgresql" : "embedded",
      sim: s,
      stack,
      apps: { nocache, cached, defaults },
      secrets,
      logDir,
      async stop() {
        await stack.stop();
        await s.stop();
        await database?.stop().catch(() => {});
      },
    };
  } catch (error) {
    await sim?.stop();
    await database?.stop().catch(() => {});
    throw error;
  }
}

/** Signs in through next-auth's credentials callback like a browser; returns the Cookie header. */
export async function signIn(appUrl: string, email: string, password = BENCH_PASSWORD): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
    }
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(`${appUrl}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: "/" }).toString(),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.endsWith("next-auth.session-token"))) throw new Error(`sign-in failed for ${email}: HTTP ${res.status}`);
  return [...jar].filter(([k]) => k.endsWith("next-auth.session-token")).map(([k, v]) => `${k}=${v}`).join("; ");
}
