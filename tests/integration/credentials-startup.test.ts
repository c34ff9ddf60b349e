// Fails closed: the production server refuses to start without a valid API-key encryption key ring,
// with one readable line that never prints key material.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { freePort } from "@/tools/stack";

const ROOT = path.resolve(__dirname, "../..");

async function start(keys: string | undefined, overrides: Record<string, string | undefined> = {}): Promise<{ code: number | null; output: string }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? "",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    DATABASE_URL: "postgresql://nobody:nothing@127.0.0.1:1/none",
  };
  // The build under test (next.config.mjs reads NEXT_DIST_DIR for `next start` too).
  if (process.env.NEXT_DIST_DIR) env.NEXT_DIST_DIR = process.env.NEXT_DIST_DIR;
  if (keys !== undefined) env.APP_ENCRYPTION_KEYS = keys;
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: ROOT, env });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe("production start-up without a usable key ring", () => {
  it.each([
    ["missing", undefined, /^Invalid environment: APP_ENCRYPTION_KEYS is required in production$/m],
    ["too short", "k1:c2hvcnQ=", /^Invalid environment: APP_ENCRYPTION_KEYS entry 1 \("k1"\) must be exactly 32 bytes/m],
    ["without an id", crypto.randomBytes(32).toString("base64"), /^Invalid environment: APP_ENCRYPTION_KEYS entry 1 has no key id/m],
    ["repeated id", `k1:${crypto.randomBytes(32).toString("base64")},k1:${crypto.randomBytes(32).toString("base64")}`, /repeats a key id/],
  ])("%s: exits 1 with one readable line, without echoing the value", async (_name, keys, message) => {
    const { code, output } = await start(keys);
    expect(code).toBe(1);
    expect(output).toMatch(message);
    if (keys) for (const part of keys.split(/[,:]/)) if (part.length > 8) expect(output).not.toContain(part);
  });
});

describe("production start-up without its public URL", () => {
  it("exits 1 naming NEXTAUTH_URL (next-auth and the invitation links would fall back to a Host header or localhost)", async () => {
    const { code, output } = await start(`k1:${crypto.randomBytes(32).toString("base64")}`, { NEXTAUTH_URL: undefined });
    expect(code).toBe(1);
    expect(output).toMatch(/^Invalid environment: NEXTAUTH_URL is required in production$/m);
  });
});
