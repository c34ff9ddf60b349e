// The per-team upstream budget (every attempt counted, retries included) and stale answers when
// it is spent — against the real simulator.
import { describe, expect, it } from "vitest";
import { getCall, isWhatTalkError, listCalls, teamBudgetStatus, WhatTalkError, type WhatTalkResult } from "@/lib/whattalk";
import type { Simulator } from "@/tools/whattalk-sim/server";
import { KEYS, apiRequests, freshState, rejection, sleep, teamCtx, withSimulator } from "./whattalk-helpers";

let sim: Simulator;
withSimulator((s) => (sim = s));

describe("team budget", () => {
  it("500 concurrent requests never push WhatTalk over the budget (50/min)", async () => {
    freshState({ WHATTALK_TEAM_BUDGET_PER_MINUTE: "50" });
    sim.setFaults({ latencyMs: 20 });
    const ctx = teamCtx(sim);
    // 200 distinct queries, most of them asked for several times.
    const wave = () =>
      Promise.allSettled(Array.from({ length: 500 }, (_, i) => listCalls(ctx, { status: "completed", per_page: 1, page: (i % 200) + 1 })));
    const first = await wave();
    expect(apiRequests(sim).length).toBeLessThanOrEqual(50);
    expect(apiRequests(sim).length).toBe(50); // the budget is used, not wasted
    const ok = first.filter((r): r is PromiseFulfilledResult<WhatTalkResult<never>> => r.status === "fulfilled");
    const failed = first.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok.length + failed.length).toBe(500);
    for (const r of failed) {
      expect(isWhatTalkError(r.reason, "budget_exhausted")).toBe(true);
      const e = r.reason as WhatTalkError;
      expect(e.retryAfterSeconds).toBeGreaterThan(0);
      expect(e.retryAfterSeconds).toBeLessThanOrEqual(60);
      expect(e.attempts).toBe(0);
    }
    expect(new Set(ok.map((r) => r.value.meta.cache))).toEqual(new Set(["miss", "coalesced"]));

    // A second wave: answered from the cache where there is one, refused otherwise; WhatTalk sees nothing more.
    const second = await wave();
    expect(apiRequests(sim)).toHaveLength(50);
    for (const r of second) {
      if (r.status === "fulfilled") expect(r.value.meta.cache).toBe("hit");
      else expect(isWhatTalkError(r.reason, "budget_exhausted")).toBe(true);
    }
    expect(second.filter((r) => r.status === "fulfilled").length).toBe(ok.length);

    const status = await teamBudgetStatus(ctx.teamId);
    expect(status).toMatchObject({ limit: 50, remaining: 0 });
    // Other teams have their own budget.
    expect((await listCalls(teamCtx(sim, KEYS.beta))).meta.cache).toBe("miss");
  });

  it("retries consume the budget too; a denied retry surfaces the real failure", async () => {
    freshState({ WHATTALK_TEAM_BUDGET_PER_MINUTE: "3", WHATTALK_MAX_RETRIES: "5" });
    sim.setFaults({ errorRate: 1, errorStatuses: [503] });
    const ctx = teamCtx(sim);
    const error = (await rejection(listCalls(ctx))) as WhatTalkError;
    expect(error.kind).toBe("upstream_error");
    expect(error.attempts).toBe(3);
    expect(apiRequests(sim)).toHaveLength(3);
    const next = (await rejection(getCall(ctx, 10_001))) as WhatTalkError;
    expect(next.kind).toBe("budget_exhausted");
    expect(next.message).toMatch(/request budget/);
    expect(apiRequests(sim)).toHaveLength(3);
  });

  it("when the budget is spent, a cached answer is served stale (with its age) instead", async () => {
    freshState({ WHATTALK_TEAM_BUDGET_PER_MINUTE: "2", WHATTALK_CACHE_TTL_MS: "300" });
    const ctx = teamCtx(sim);
    const first = await listCalls(ctx, { status: "completed" });
    expect(first.meta.cache).toBe("miss");
    await sleep(1_100); // no longer fresh (TTL 300 ms), still retained
    await listCalls(ctx, { status: "ended" }); // spends the rest of the budget
    const stale = await listCalls(ctx, { status: "completed" });
    expect(stale.meta.cache).toBe("stale");
    expect(stale.meta.fetchedAt).toBe(first.meta.fetchedAt);
    expect(stale.meta.ageSeconds).toBeGreaterThanOrEqual(1);
    expect(stale.data).toEqual(first.data);
    // Nothing cached for this one: budget_exhausted.
    const error = (await rejection(listCalls(ctx, { status: "failed" }))) as WhatTalkError;
    expect(error.kind).toBe("budget_exhausted");
    // A refresh (cache: false) with the budget spent also falls back to the stale copy.
    expect((await listCalls(ctx, { status: "completed" }, { cache: false })).meta.cache).toBe("stale");
    expect(apiRequests(sim)).toHaveLength(2);
  });
});
