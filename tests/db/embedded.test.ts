import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { DataDirInUseError, startEmbeddedPostgres } from "@/tools/db/embedded";

describe("embedded PostgreSQL", () => {
  it("keeps data in its folder across restarts", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-pg-"));
    const first = await startEmbeddedPostgres({ dataDir: dir });
    let c = new pg.Client({ connectionString: first.url });
    await c.connect();
    await c.query("CREATE TABLE kept (v text)");
    await c.query("INSERT INTO kept VALUES ('hello')");
    await c.end();
    await first.stop();
    const second = await startEmbeddedPostgres({ dataDir: dir });
    c = new pg.Client({ connectionString: second.url });
    await c.connect();
    expect((await c.query("SELECT v FROM kept")).rows).toEqual([{ v: "hello" }]);
    await c.end();
    await second.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("lets one process own a data folder; another process gets a clear error", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-pg-"));
    // Another live process holds the lock.
    const holder = spawn(process.execPath, ["-e", "setTimeout(()=>{}, 60000)"]);
    fs.writeFileSync(path.join(dir, "portal.lock"), String(holder.pid));
    await expect(startEmbeddedPostgres({ dataDir: dir })).rejects.toBeInstanceOf(DataDirInUseError);
    await expect(startEmbeddedPostgres({ dataDir: dir })).rejects.toThrow(/already in use by process \d+/);
    holder.kill();
    await new Promise((r) => holder.once("exit", r));
    // A stale lock from a dead process is taken over.
    const pgServer = await startEmbeddedPostgres({ dataDir: dir });
    await pgServer.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
