// Embedded PostgreSQL: PGlite (PostgreSQL compiled to WASM) served on the PostgreSQL wire protocol on
// 127.0.0.1, so the app keeps ONE database code path (Prisma + pg adapter + DATABASE_URL).
// Used by the launcher when DATABASE_URL is unset (data under .data/pg) and by tests (in memory).
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { keepBatchesTogether } from "./pglite-batches";

export type EmbeddedPostgres = {
  /** postgresql:// URL to hand to DATABASE_URL. */
  url: string;
  port: number;
  stop(): Promise<void>;
};

export class DataDirInUseError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database in ${dir} is already in use by process ${pid}. ` +
        `Stop that process first (or set DATABASE_URL to use another PostgreSQL).`,
    );
    this.name = "DataDirInUseError";
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes an exclusive lock on a data folder: one process owns it, a second gets DataDirInUseError. */
function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockFile = path.join(dir, "portal.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockFile, "utf8") === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number(fs.readFileSync(lockFile, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) {
        throw new DataDirInUseError(dir, pid);
      }
      fs.rmSync(lockFile, { force: true }); // stale lock from a process that died
    }
  }
  throw new Error(`Could not lock ${dir}`);
}

/**
 * Starts PGlite and serves it on 127.0.0.1.
 * @param options.dataDir folder for durable data; omit for an in-memory database (tests).
 * @param options.port TCP port; 0 (default) picks a free one.
 */
export async function startEmbeddedPostgres(options: { dataDir?: string; port?: number } = {}): Promise<EmbeddedPostgres> {
  const release = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  try {
    const db = await PGlite.create(options.dataDir ? path.join(options.dataDir, "pgdata") : undefined, { extensions: { pg_trgm } });
    const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: options.port ?? 0, maxConnections: 64 });
    keepBatchesTogether(server);
    await server.start();
    const port = Number(server.getServerConn().split(":").pop());
    let stopped = false;
    return {
      port,
      url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
      async stop() {
        if (stopped) return;
        stopped = true;
        await server.stop();
        await db.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
