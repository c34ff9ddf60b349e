// Several app instances sharing Redis: the team budget, the cache, invalidation and coalescing
// hold across them. Two instances are two copies of the lib/whattalk modules (vi.resetModules)
// in this process, each with its own in-memory state, both pointed at one Redis.
// Needs `redis-server` (Debian package redis-server) or TEST_REDIS_URL; skipped otherwise.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import net from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type * as WhatTalk from "@/lib/whattalk";
import type { Simulator } from "@/tools/whattalk-sim/server";
import { KEYS, apiRequests, freshState, rejection, sleep, startSim, teamCtx } from "./whattalk-helpers";

const hasRedisServer = spawnSync("redis-server", ["--version"]).status === 0;
const available = !!process.env.TEST_REDIS_URL || hasRedisServer;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe.skipIf(!available)("with Redis (two instances)", () => {
  let sim: Simulator;
  let server: ChildProcess | undefined;
  let redisUrl: string;
  let admin: Redis;
  let a: typeof WhatTalk;
  let b: typeof WhatTalk;
  /** Instance b's own copies of the env and state modules. */
  let resetB: () => void;
  /** Sets the environment for both instances. */
  const setBoth = (vars: Record<string, string> = {}) => {
    freshState({ REDIS_URL: redisUrl, ...vars });
    resetB();
  };

  beforeAll(async () => {
    if (process.env.TEST_REDIS_URL) redisUrl = process.env.TEST_REDIS_URL;
    else {
      const port = await freePort();
      server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
      redisUrl = `redis://127.0.0.1:${port}/0`;
    }
    const { hostname, port } = new URL(redisUrl);
    for (let i = 0; !(await canConnect(hostname, Number(port || 6379))); i++) {
      if (i > 100) throw new Error(`Redis did not start at ${hostname}:${port}`);
      await sleep(50);
    }
    admin = new Redis(redisUrl);
    await admin.ping();
    sim = await startSim();
    freshState({ REDIS_URL: redisUrl });
    a = await import("@/lib/whattalk");
    // One process keeps one set of budgets on globalThis (lib/whattalk/budget.ts): instance b gets its own.
    const budgets = globalThis as Record<symbol, unknown>;
    const aBudgets = budgets[Symbol.for("portal.whattalk.budget")];
    expect(aBudgets).toBeDefined();
    delete budgets[Symbol.for("portal.whattalk.budget")];
    vi.resetModules();
    b = await import("@/lib/whattalk");
    expect(budgets[Symbol.for("portal.whattalk.budget")]).not.toBe(aBudgets);
    const [bEnv, bBudget, bCache] = await Promise.all([import("@/lib/env"), import("@/lib/whattalk/budget"), import("@/lib/whattalk/cache")]);
    resetB = () => {
      bEnv.resetEnvCache();
      bBudget.resetBudgetsForTests();
      bCache.resetCacheForTests();
    };
    expect(a.listCalls).not.toBe(b.listCalls);
  });

  afterAll(async () => {
    await sim?.close();
    const { closeRedis } = await import("@/lib/redis");
    await closeRedis();
    await admin?.quit();
    server?.kill("SIGTERM");
  });

  beforeEach(async () => {
    sim.reset();
    setBoth();
    await admin.flushdb();
    // Let the shared client be connected before each test (commands would otherwise skip the cache).
    const { getRedis } = await import("@/lib/redis");
    const client = getRedis()!;
    for (let i = 0; client.status !== "ready" && i < 100; i++) await sleep(20);
  });

  it("the team budget holds across instances", async () => {
    setBoth({ WHATTALK_TEAM_BUDGET_PER_MINUTE: "20" });
    const ctx = teamCtx(sim);
    const results = await Promise.allSettled([
      ...Array.from({ length: 30 }, (_, i) => a.listCalls(ctx, { per_page: 1, page: i + 1, status: "completed" })),
      ...Array.from({ length: 30 }, (_, i) => b.listCalls(ctx, { per_page: 1, page: i + 31, status: "completed" })),
    ]);
    expect(apiRequests(sim)).toHaveLength(20);
    const refused = results.filter((r) => r.status === "rejected");
    expect(refused).toHaveLength(40);
    for (const r of refused) expect(a.isWhatTalkError((r as PromiseRejectedResult).reason, "budget_exhausted") || b.isWhatTalkError((r as PromiseRejectedResult).reason, "budget_exhausted")).toBe(true);
  });

  it("a member's share of the budget holds across instances; the other members are still served", async () => {
    setBoth({ WHATTALK_TEAM_BUDGET_PER_MINUTE: "20" });
    const team = teamCtx(sim);
    const ayse = { ...team, memberId: "ayse" };
    /** 2 × n distinct pages from `from` on, half on each instance. */
    const burst = (ctx: typeof team, n: number, from: number) => [
      ...Array.from({ length: n }, (_, i) => a.listCalls(ctx, { per_page: 1, page: from + i, status: "completed" })),
      ...Array.from({ length: n }, (_, i) => b.listCalls(ctx, { per_page: 1, page: from + n + i, status: "completed" })),
    ];
    const results = await Promise.allSettled(burst(ayse, 10, 1));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as WhatTalk.WhatTalkError);
    expect(refused).toHaveLength(10);
    for (const e of refused) {
      expect(e.kind).toBe("member_share_exhausted");
      expect(e.retryAfterSeconds).toBeGreaterThan(0);
    }
    expect(await admin.keys("wt:member:*")).toHaveLength(1);
    // Burak is served on both instances, up to what is left of the team budget.
    const burak = await Promise.allSettled(burst({ ...team, memberId: "burak" }, 5, 100));
    expect(burak.every((r) => r.status === "fulfilled")).toBe(true);
    expect(apiRequests(sim)).toHaveLength(20);
  });

  it("the cache and its invalidation are shared; teams stay apart", async () => {
    const ctx = teamCtx(sim);
    const q = { status: "completed" as const, per_page: 5 };
    expect((await a.listCalls(ctx, q)).meta.cache).toBe("miss");
    const fromB = await b.listCalls(ctx, q);
    expect(fromB.meta.cache).toBe("hit");
    const victim = fromB.data.data[0].id;
    const beta = teamCtx(sim, KEYS.beta);
    expect((await b.listCalls(beta, q)).meta.cache).toBe("miss");

    await b.deleteCall(ctx, victim);
    const after = await a.listCalls(ctx, q);
    expect(after.meta.cache).toBe("miss");
    expect(after.data.data.map((c) => c.id)).not.toContain(victim);
    expect((await a.listCalls(beta, q)).meta.cache).toBe("hit");
    expect(apiRequests(sim).filter((r) => r.method === "GET")).toHaveLength(3);
  });

  it("identical concurrent requests on two instances reach WhatTalk once", async () => {
    sim.setFaults({ latencyMs: 300 });
    const ctx = teamCtx(sim);
    const q = { status: "completed" as const, per_page: 10 };
    const results = await Promise.all([...Array.from({ length: 25 }, () => a.listCalls(ctx, q)), ...Array.from({ length: 25 }, () => b.listCalls(ctx, q))]);
    expect(apiRequests(sim)).toHaveLength(1);
    expect(results.filter((r) => r.meta.cache === "miss")).toHaveLength(1);
    expect(results.filter((r) => r.meta.cache === "coalesced")).toHaveLength(49);
    expect(new Set(results.map((r) => JSON.stringify(r.data))).size).toBe(1);
  });

  it("live calls are not cached: the waiting instance fetches itself once the lock is released", async () => {
    sim.setFaults({ latencyMs: 200 });
    const ctx = teamCtx(sim);
    const t0 = performance.now();
    const [ra, rb] = await Promise.all([a.listCalls(ctx, { status: "ringing" }), b.listCalls(ctx, { status: "ringing" })]);
    expect([ra.meta.cache, rb.meta.cache]).toEqual(["miss", "miss"]);
    expect(apiRequests(sim)).toHaveLength(2);
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(await admin.keys("wt:v1:c:*")).toHaveLength(0);
  });

  it("a stale copy stored by one instance is served by the other when the budget is spent", async () => {
    setBoth({ WHATTALK_TEAM_BUDGET_PER_MINUTE: "1", WHATTALK_CACHE_TTL_MS: "200" });
    const ctx = teamCtx(sim);
    const first = await a.listCalls(ctx, { status: "completed" });
    await sleep(300);
    const stale = await b.listCalls(ctx, { status: "completed" });
    expect(stale.meta.cache).toBe("stale");
    expect(stale.meta.fetchedAt).toBe(first.meta.fetchedAt);
    const error = (await rejection(b.getCall(ctx, 10_001))) as WhatTalk.WhatTalkError;
    expect(error.kind).toBe("budget_exhausted");
  });

  it("keeps working (uncached, per-instance budget) when Redis is unreachable", async () => {
    const dead = `redis://127.0.0.1:${await freePort()}/0`;
    setBoth({ REDIS_URL: dead, WHATTALK_TEAM_BUDGET_PER_MINUTE: "5" });
    const ctx = teamCtx(sim);
    const t0 = performance.now();
    const r1 = await a.listCalls(ctx, { status: "completed" });
    const r2 = await a.listCalls(ctx, { status: "completed" });
    expect([r1.meta.cache, r2.meta.cache]).toEqual(["miss", "miss"]);
    expect(performance.now() - t0).toBeLessThan(1000);
    // The insurance limiter (memory) still bounds the team.
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => a.listCalls(ctx, { page: i + 1, status: "completed" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    const { closeRedis } = await import("@/lib/redis");
    await closeRedis();
  });
});
