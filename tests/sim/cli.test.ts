// The CLI entry (tools/whattalk-sim/main.ts): starts from SIM_* env vars, prints one line with the
// URL and the keys, serves, and exits cleanly on SIGTERM.

import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

describe("main.ts", () => {
  it("starts from env vars, prints the URL and keys, and exits 0 on SIGTERM", async () => {
    const child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "tools/whattalk-sim/main.ts")], {
      cwd: root,
      env: { ...process.env, SIM_PORT: "0", SIM_ANCHOR: "2025-03-31T22:30:00Z", SIM_LATENCY_MS: "1", SIM_QUIET: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no startup line; stderr: ${stderr}`)), 15_000);
      child.stdout.on("data", (d) => {
        stdout += d;
        const nl = stdout.indexOf("\n");
        if (nl >= 0) {
          clearTimeout(timer);
          resolve(stdout.slice(0, nl));
        }
      });
    });
    try {
      expect(line).toContain("wt_demo_alpha, wt_demo_beta, wt_demo_gamma");
      expect(line).toContain("latencyMs=1");
      const url = /(http:\/\/127\.0\.0\.1:\d+\/api)/.exec(line)![1];
      const r = await fetch(`${url}/user/calls?per_page=1`, { headers: { Authorization: "Bearer wt_demo_gamma" } });
      expect(r.status).toBe(200);
      expect(((await r.json()) as { per_page: number }).per_page).toBe(1);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  });

  it("refuses invalid settings with a clear message", async () => {
    const child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "tools/whattalk-sim/main.ts")], {
      cwd: root,
      env: { ...process.env, SIM_PORT: "0", SIM_ERROR_RATE: "7" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    expect(code).toBe(2);
    expect(stderr).toContain("SIM_ERROR_RATE=7 is invalid");
  });
});
