// /api/health's report is cached (5 s healthy, 1 s failing) and concurrent probes share one run of
// the checks: counted here as the requests a real WhatTalk stand-in on loopback receives.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { getHealth, HEALTH_CACHE_MS } from "@/lib/health";

let requests = 0;
const whattalk = http.createServer((req, res) => {
  requests++;
  res.writeHead(401, { "content-type": "application/json" }).end('{"message":"Unauthenticated."}');
});
let port = 0;
const listen = () => new Promise<void>((resolve) => whattalk.listen(port, "127.0.0.1", () => resolve()));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits until the report checked at `checkedAt` is older than `ms`. */
const outlive = (checkedAt: string, ms: number) => sleep(Math.max(0, Date.parse(checkedAt) + ms + 100 - Date.now()));

beforeAll(async () => {
  await listen();
  port = (whattalk.address() as AddressInfo).port;
  process.env.WHATTALK_API_URL = `http://127.0.0.1:${port}/api`;
  delete process.env.REDIS_URL;
  resetEnvCache();
});

afterAll(async () => {
  whattalk.closeAllConnections();
  await new Promise((r) => whattalk.close(r));
  delete process.env.WHATTALK_API_URL;
  resetEnvCache();
});

describe("the health report", () => {
  it("runs the checks once for concurrent and repeated probes within 5 s, then again", async () => {
    const before = requests;
    const burst = await Promise.all(Array.from({ length: 25 }, () => getHealth()));
    expect(requests - before).toBe(1);
    expect(burst[0]).toMatchObject({ status: "ok", checks: { database: { status: "ok" }, redis: { status: "skipped" }, whattalk: { status: "ok" } } });
    expect(new Set(burst.map((r) => r.checkedAt)).size).toBe(1);
    const first = burst[0].checkedAt;

    for (let i = 0; i < 10; i++) expect((await getHealth()).checkedAt).toBe(first);
    expect(requests - before).toBe(1);

    await outlive(first, HEALTH_CACHE_MS.ok);
    const again = await Promise.all(Array.from({ length: 10 }, () => getHealth()));
    expect(requests - before).toBe(2);
    expect(new Set(again.map((r) => r.checkedAt)).size).toBe(1);
    expect(Date.parse(again[0].checkedAt)).toBeGreaterThan(Date.parse(first) + HEALTH_CACHE_MS.ok);
  });

  it("reports a failing dependency within 5 s, keeps a failing report 1 s only, and sees the recovery", async () => {
    const healthy = await getHealth();
    whattalk.closeAllConnections();
    await new Promise((r) => whattalk.close(r));
    await outlive(healthy.checkedAt, HEALTH_CACHE_MS.ok);
    const failing = await Promise.all(Array.from({ length: 10 }, () => getHealth()));
    expect(failing[0].checks.whattalk).toMatchObject({ status: "error", message: "unreachable" });
    expect(new Set(failing.map((r) => r.checkedAt)).size).toBe(1);
    expect((await getHealth()).checkedAt).toBe(failing[0].checkedAt);

    await listen();
    const before = requests;
    await outlive(failing[0].checkedAt, HEALTH_CACHE_MS.failing);
    const recovered = await getHealth();
    expect(recovered.checks.whattalk.status).toBe("ok");
    expect(requests - before).toBe(1);
    expect(Date.parse(recovered.checkedAt) - Date.parse(failing[0].checkedAt)).toBeLessThan(HEALTH_CACHE_MS.ok);
  });
});
