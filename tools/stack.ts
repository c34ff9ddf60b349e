// Starts the whole portal stack: database (embedded PGlite unless DATABASE_URL is given),
// migrations, optional demo seed, the WhatTalk simulator and the Next.js server as a child process.
// Used by the launcher (`npm run demo` / `npm run dev`), the integration tests and Playwright.
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./db/embedded";
import { migrate } from "./db/migrate";
import { startSimulator, type SimulatorOptions } from "./whattalk-sim/server";

export const ROOT = path.resolve(__dirname, "..");

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

export type StackOptions = {
  mode: "start" | "dev";
  /** Port of the web app; 0 picks a free one. */
  port: number;
  /** Host name the app binds to. */
  hostname?: string;
  /** Use this PostgreSQL; otherwise an embedded one (durable in `dataDir`, or in memory). */
  databaseUrl?: string;
  dataDir?: string;
  /**
   * Start the simulator (port 0 = free port); skip with `false` when WHATTALK_API_URL points elsewhere.
   * `world`: calls finishing, arriving, deleted over time (the demo turns it on; default still).
   */
  simulator: false | ({ port: number; faults?: Record<string, unknown>; anchor?: string } & Pick<SimulatorOptions, "world" | "extraAccounts">);
  /** Extra environment for the app (secrets, overrides). */
  env: Record<string, string | undefined>;
  /** Runs after migrations with DATABASE_URL set (e.g. the demo seed). */
  beforeApp?: (ctx: { databaseUrl: string; simApiUrl?: string; simUrl?: string }) => Promise<void>;
  /** Where the app's stdout/stderr go: inherit (terminal) or a log file. */
  appLog: "inherit" | { file: string };
  /**
   * More app instances on the same database and simulator (scale-out tests, benchmarks), each on
   * its own port (0 = free) with its own log and environment overrides on top of `env`.
   */
  moreApps?: { port?: number; env?: Record<string, string | undefined>; appLog?: "inherit" | { file: string }; nodeArgs?: string[] }[];
  /** Node options for the first app instance (e.g. --expose-gc); NODE_OPTIONS is never passed on. */
  nodeArgs?: string[];
  log?: (line: string) => void;
};

export type AppInstance = { url: string; process: ChildProcess; env: Record<string, string> };

export type Stack = {
  /** The first app instance (`apps[0]`). */
  appUrl: string;
  databaseUrl: string;
  sim?: Simulator;
  appEnv: Record<string, string>;
  app: ChildProcess;
  /** Every app instance: the first, then `moreApps` in order. */
  apps: AppInstance[];
  stop(): Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function waitForHttp(url: string, timeoutMs: number, isAlive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = "";
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`The app exited before answering at ${url}.`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (res.status < 500) return;
      lastError = `HTTP ${res.status}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Timed out waiting for ${url} (${lastError})`);
}

/** Where an app instance runs: the stack's options, its database and simulator; its stop goes into `cleanups`. */
type AppTarget = { options: StackOptions; hostname: string; databaseUrl: string; sim: Simulator | undefined; embedded: boolean; cleanups: (() => Promise<void> | void)[] };

/** One portal instance (`next start` or `next dev`) on `requestedPort` (0: a free one), once its health check answers. */
async function startApp(
  { options, hostname, databaseUrl, sim, embedded, cleanups }: AppTarget,
  requestedPort: number,
  overrides: Record<string, string | undefined>,
  appLog: StackOptions["appLog"],
  nodeArgs: string[] = [],
): Promise<AppInstance> {
  const simHost = sim ? new URL(sim.url).host : undefined;
  const port = requestedPort || (await freePort());
  const appUrl = `http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`;
  const appEnv: Record<string, string> = Object.fromEntries(
    Object.entries({
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: options.mode === "dev" ? "development" : "production",
      NEXTAUTH_URL: appUrl,
      ...(sim ? { WHATTALK_API_URL: sim.apiUrl, WHATTALK_RECORDING_HOSTS: `recordings.whattalk.ai,http://${simHost}` } : {}),
      // The embedded server runs one query at a time: one connection avoids queueing inside PGlite.
      ...(embedded ? { DATABASE_POOL_SIZE: "1" } : {}),
      ...options.env,
      ...overrides,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
    }).filter((e): e is [string, string] => typeof e[1] === "string" && e[0] !== "NODE_OPTIONS"),
  );

  const nextBin = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
  const args = [...nodeArgs, nextBin, options.mode, "-p", String(port), "-H", hostname];
  let stdio: StdioOptions = ["ignore", "inherit", "inherit"];
  if (appLog !== "inherit") {
    fs.mkdirSync(path.dirname(appLog.file), { recursive: true });
    const fd = fs.openSync(appLog.file, "a");
    stdio = ["ignore", fd, fd];
  }
  const app: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, env: appEnv as NodeJS.ProcessEnv, stdio });
  let exited = false;
  app.once("exit", () => {
    exited = true;
  });
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        app.once("exit", () => resolve());
        app.kill("SIGTERM");
        setTimeout(() => {
          if (!exited) app.kill("SIGKILL");
        }, 10_000).unref();
      }),
  );
  await waitForHttp(`${appUrl}/api/health`, options.mode === "dev" ? 180_000 : 90_000, () => !exited);
  return { url: appUrl, process: app, env: appEnv };
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const log = options.log ?? (() => {});
  const cleanups: (() => Promise<void> | void)[] = [];
  const stopAll = async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch {
        /* keep stopping the rest */
      }
    }
    cleanups.length = 0;
  };

  try {
    let databaseUrl = options.databaseUrl;
    let embedded: EmbeddedPostgres | undefined;
    if (!databaseUrl) {
      log(options.dataDir ? `Starting the embedded PostgreSQL (data in ${path.relative(ROOT, options.dataDir) || options.dataDir})…` : "Starting an in-memory embedded PostgreSQL…");
      embedded = await startEmbeddedPostgres({ dataDir: options.dataDir ? path.join(options.dataDir, "db") : undefined });
      cleanups.push(() => embedded!.stop());
      databaseUrl = embedded.url;
    }
    const migrated = await migrate(databaseUrl);
    log(migrated.applied.length ? `Applied migrations: ${migrated.applied.join(", ")}` : "Database schema is up to date.");

    let sim: Simulator | undefined;
    if (options.simulator) {
      const { port, faults, anchor, world, extraAccounts } = options.simulator;
      sim = await startSimulator({ port, faults, anchor, world, extraAccounts, quiet: true });
      cleanups.push(() => sim!.close());
      log(`WhatTalk simulator on ${sim.url}`);
    }

    if (options.beforeApp) await options.beforeApp({ databaseUrl, simApiUrl: sim?.apiUrl, simUrl: sim?.url });

    const hostname = options.hostname ?? "127.0.0.1";
    const target: AppTarget = { options, hostname, databaseUrl, sim, embedded: !!embedded, cleanups };
    const instances = [
      { port: options.port, env: {}, appLog: options.appLog, nodeArgs: options.nodeArgs },
      ...(options.moreApps ?? []).map((a) => ({ port: a.port ?? 0, env: a.env ?? {}, appLog: a.appLog ?? options.appLog, nodeArgs: a.nodeArgs })),
    ];
    log(`Starting the portal (${options.mode === "dev" ? "development server" : "production build"})${instances.length > 1 ? ` × ${instances.length}` : ""}…`);
    const apps = await Promise.all(instances.map((i) => startApp(target, i.port, i.env, i.appLog, i.nodeArgs)));
    const [{ url: appUrl, env: appEnv, process: app }] = apps;
    return { appUrl, databaseUrl, sim, appEnv, app, apps, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
