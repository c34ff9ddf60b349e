// Real PostgreSQL and Redis for the scale-out test and the benchmarks, on 127.0.0.1 only.
// Where they come from: docs/design-notes.md.
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./stack";

export class ServiceUnavailableError extends Error {}

export type Service = { url: string; stop(): Promise<void> };

function which(cmd: string): string | null {
  const r = spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** The folder with initdb and postgres, or null. */
export function postgresBinDir(): string | null {
  const debian = "/usr/lib/postgresql";
  if (fs.existsSync(debian)) {
    const versions = fs
      .readdirSync(debian)
      .filter((v) => fs.existsSync(path.join(debian, v, "bin", "postgres")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return path.join(debian, versions[0], "bin");
  }
  const initdb = which("initdb");
  if (initdb) {
    const dir = path.dirname(fs.realpathSync(initdb));
    if (fs.existsSync(path.join(dir, "postgres"))) return dir;
  }
  return null;
}

export function redisServerBin(): string | null {
  return which("redis-server");
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function waitFor(check: () => Promise<boolean>, what: string, child: ChildProcess, timeoutMs = 30_000, log = () => "") {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}): ${log()}`);
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start within ${timeoutMs / 1000} s: ${log()}`);
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

/** A fresh database on an existing server (dropped by stop()). */
export async function freshDatabase(serverUrl: string, prefix = "portal"): Promise<Service> {
  const name = `${prefix}_${crypto.randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async stop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A private PostgreSQL cluster in a temporary folder (fsync off: test data only). */
export async function startPrivatePostgres(): Promise<Service> {
  const bin = postgresBinDir();
  if (!bin) throw new ServiceUnavailableError("PostgreSQL binaries not found (Debian: apt-get install postgresql)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-pg-"));
  const data = path.join(dir, "data");
  let ids: { uid: number; gid: number } | undefined;
  if (process.getuid?.() === 0) {
    // PostgreSQL refuses to run as root.
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    fs.chownSync(dir, uid, gid);
    ids = { uid, gid };
  }
  const init = spawnSync(path.join(bin, "initdb"), ["-D", data, "-U", "portal", "--auth=trust", "-E", "UTF8", "--locale=C"], { encoding: "utf8", ...ids, cwd: dir });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  const port = await freePort();
  let output = "";
  const server = spawn(
    path.join(bin, "postgres"),
    ["-D", data, "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200"],
    { stdio: ["ignore", "pipe", "pipe"], ...ids, cwd: dir },
  );
  server.stdout!.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-2000)));
  server.stderr!.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-2000)));
  const url = `postgresql://portal@127.0.0.1:${port}/postgres`;
  const stop = async () => {
    await stopChild(server, "SIGINT"); // fast shutdown
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      async () => {
        if (!(await canConnect(port))) return false;
        const c = new pg.Client({ connectionString: url });
        try {
          await c.connect();
          await c.query("SELECT 1");
          return true;
        } catch {
          return false;
        } finally {
          await c.end().catch(() => {});
        }
      },
      "PostgreSQL",
      server,
      60_000,
      () => output,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

/**
 * A fresh PostgreSQL database: on `serverUrl` when given, else in a private cluster.
 * Throws ServiceUnavailableError when neither is possible.
 */
export async function startPostgres(serverUrl?: string): Promise<Service> {
  if (serverUrl) return freshDatabase(serverUrl);
  const cluster = await startPrivatePostgres();
  const db = await freshDatabase(cluster.url).catch(async (error: unknown) => {
    await cluster.stop();
    throw error;
  });
  return {
    url: db.url,
    async stop() {
      await cluster.stop();
    },
  };
}

/** redis-server on a free port of 127.0.0.1 (no persistence). */
export async function startRedis(): Promise<Service> {
  const bin = redisServerBin();
  if (!bin) throw new ServiceUnavailableError("redis-server not found (Debian: apt-get install redis-server)");
  const port = await freePort();
  let output = "";
  const server = spawn(bin, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  server.stdout!.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-2000)));
  server.stderr!.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-2000)));
  const stop = () => stopChild(server, "SIGTERM");
  try {
    await waitFor(() => canConnect(port), "redis-server", server, 30_000, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}/0`, stop };
}
