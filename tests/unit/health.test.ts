// /api/health answers within its limits even when a dependency accepts connections and then says
// nothing (a load balancer's probe must fail, not hang), and says why without internals.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";

describe("health checks against silent dependencies", () => {
  let silent: net.Server;
  let port: number;
  const sockets = new Set<net.Socket>();

  beforeAll(async () => {
    silent = net.createServer((s) => {
      sockets.add(s);
      s.on("error", () => {});
    });
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", () => r()));
    port = (silent.address() as net.AddressInfo).port;
    Object.assign(process.env, {
      DATABASE_URL: `postgresql://u:p@127.0.0.1:${port}/db`,
      REDIS_URL: `redis://127.0.0.1:${port}/0`,
      WHATTALK_API_URL: `http://127.0.0.1:${port}/api`,
    });
    resetEnvCache();
  });

  afterAll(async () => {
    const { closeRedis } = await import("@/lib/redis");
    await Promise.race([closeRedis(), new Promise((r) => setTimeout(r, 500))]);
    for (const s of sockets) s.destroy();
    await new Promise((r) => silent.close(r));
    delete process.env.DATABASE_URL;
    delete process.env.REDIS_URL;
    delete process.env.WHATTALK_API_URL;
    resetEnvCache();
  });

  it("reports each one as timed out, and the whole as degraded, within 3.5 s", async () => {
    const { checkHealth } = await import("@/lib/health");
    const t0 = Date.now();
    const report = await checkHealth();
    expect(Date.now() - t0).toBeLessThan(3_500);
    expect(report.status).toBe("degraded");
    expect(report.checks.database).toMatchObject({ status: "error", message: "timed out" });
    expect(report.checks.redis).toMatchObject({ status: "error", message: "timed out" });
    expect(report.checks.whattalk).toMatchObject({ status: "error", message: "timed out" });
    expect(JSON.stringify(report)).not.toContain(String(port));
  });
});
