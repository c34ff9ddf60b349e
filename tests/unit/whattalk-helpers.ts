// Shared set-up for the WhatTalk client tests: a real simulator over HTTP on 127.0.0.1, the
// environment set through process.env + resetEnvCache(), and fresh per-test team ids so budgets
// and caches of one test never leak into another.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { resetBudgetsForTests } from "@/lib/whattalk/budget";
import { resetCacheForTests } from "@/lib/whattalk/cache";
import { resetUnauthorizedDedupeForTests, setUnauthorizedHandler, type WhatTalkContext } from "@/lib/whattalk/client";
import { startSimulator, type Simulator } from "@/tools/whattalk-sim/server";

export const ANCHOR = "2025-03-31T22:30:00Z";
export const KEYS = { alpha: "wt_demo_alpha", beta: "wt_demo_beta", gamma: "wt_demo_gamma" } as const;

export const BASE_ENV: Record<string, string | undefined> = {
  NODE_ENV: "test",
  WHATTALK_TIMEOUT_MS: "2000",
  WHATTALK_MAX_RETRIES: "2",
  WHATTALK_TEAM_BUDGET_PER_MINUTE: "1000",
  WHATTALK_CACHE_TTL_MS: "15000",
  REDIS_URL: undefined,
  LOG_LEVEL: undefined,
};

/** Sets (or with undefined, unsets) environment variables and forgets the parsed environment. */
export function setEnv(vars: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
}

/** Base environment plus overrides; clears budgets, caches and handlers. */
export function freshState(vars: Record<string, string | undefined> = {}): void {
  setEnv({ ...BASE_ENV, ...vars });
  resetBudgetsForTests();
  resetCacheForTests();
  resetUnauthorizedDedupeForTests();
  setUnauthorizedHandler(null);
}

export function startSim(): Promise<Simulator> {
  return startSimulator({ port: 0, anchor: ANCHOR, quiet: true });
}

/**
 * A simulator for the enclosing suite, handed to `use` once started (by `start`, default
 * `startSim`): `reset` before each test (default: the simulator's and `freshState()`), closed after.
 */
export function withSimulator(
  use: (sim: Simulator) => void,
  { start = startSim, reset = () => freshState() }: { start?: () => Promise<Simulator>; reset?: (sim: Simulator | undefined) => void } = {},
): void {
  let sim: Simulator | undefined;
  beforeAll(async () => {
    sim = await start();
    use(sim);
  });
  afterAll(async () => {
    await sim?.close();
  });
  beforeEach(() => {
    sim?.reset();
    reset(sim);
  });
}

let n = 0;
/** A context for a new team (unique id) on the simulator. */
export function teamCtx(sim: Simulator, key: string = KEYS.alpha, extra: Partial<WhatTalkContext> = {}): WhatTalkContext {
  n++;
  return { teamId: `team_${n}_${randomUUID().slice(0, 8)}`, credentialId: `cred_${n}`, apiKey: key, baseUrl: sim.apiUrl, ...extra };
}

/** The simulator's API requests (not recordings), oldest first. */
export function apiRequests(sim: Simulator) {
  return sim.requests().filter((r) => r.kind === "api");
}

/** PATCHes a call in the simulator through its control API (any JSON fields). */
export async function patchSimCall(sim: Simulator, id: number, fields: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${sim.url}/__control/calls/${id}`, { method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify(fields) });
  if (!res.ok) throw new Error(`patch failed: ${res.status} ${await res.text()}`);
}

/** Awaits a promise expected to reject and returns the rejection. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
