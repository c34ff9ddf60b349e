// Each member's fair share of the team budget (WHATTALK_MEMBER_SHARE of it per minute, default
// half): one member's burst stops at their share and the others are still served; cache hits and
// coalesced answers cost nothing; the two limits are told apart. Against the real simulator.
import { describe, expect, it } from "vitest";
import { toAppError } from "@/lib/http/to-app-error";
import { errorResponse } from "@/lib/http/route";
import { isWhatTalkError, listCalls, type WhatTalkContext, type WhatTalkError } from "@/lib/whattalk";
import { consumeMemberShare, memberSharePerMinute } from "@/lib/whattalk/budget";
import type { Simulator } from "@/tools/whattalk-sim/server";
import { apiRequests, freshState, rejection, teamCtx, withSimulator } from "./whattalk-helpers";

let sim: Simulator;
withSimulator((s) => (sim = s), { reset: () => freshState({ WHATTALK_TEAM_BUDGET_PER_MINUTE: "20" }) });

const as = (team: WhatTalkContext, memberId: string): WhatTalkContext => ({ ...team, memberId });
/** `n` distinct (uncached) one-call pages, starting at page `from`. */
const burst = (ctx: WhatTalkContext, n: number, from = 1) => Promise.allSettled(Array.from({ length: n }, (_, i) => listCalls(ctx, { status: "completed", per_page: 1, page: from + i })));
const refusals = (results: PromiseSettledResult<unknown>[]) => results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as WhatTalkError);

describe("member share", () => {
  it("stops one member's burst at half the team budget and leaves the rest to the others", async () => {
    const team = teamCtx(sim);
    const first = await burst(as(team, "ayse"), 30);
    expect(first.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    const refused = refusals(first);
    expect(refused).toHaveLength(20);
    for (const e of refused) {
      expect(e.kind).toBe("member_share_exhausted");
      expect(e.message).toMatch(/^You have used your share of this team's WhatTalk requests for this minute\. Try again in \d+ seconds?\.$/);
      expect(e.retryAfterSeconds).toBeGreaterThan(0);
      expect(e.retryAfterSeconds).toBeLessThanOrEqual(60);
      expect(e.attempts).toBe(0);
    }
    expect(apiRequests(sim)).toHaveLength(10);

    // Another member of the team is served in full...
    const second = await burst(as(team, "burak"), 10, 100);
    expect(second.every((r) => r.status === "fulfilled")).toBe(true);
    // ...and then the team budget itself (20) is what stops a third member, with its own reason.
    const third = refusals(await burst(as(team, "cem"), 3, 200));
    expect(third.map((e) => e.kind)).toEqual(["budget_exhausted", "budget_exhausted", "budget_exhausted"]);
    expect(third[0].message).toMatch(/^This team has used its WhatTalk request budget for now\./);
    expect(apiRequests(sim)).toHaveLength(20);
  });

  it("answers a spent share with 429, Retry-After and the reason", async () => {
    const ctx = as(teamCtx(sim), "ayse");
    await burst(ctx, 10);
    const error = await rejection(listCalls(ctx, { status: "failed" }));
    expect(isWhatTalkError(error, "member_share_exhausted")).toBe(true);
    const res = errorResponse(error);
    expect(res.status).toBe(429);
    const body = (await res.json()) as { error: { code: string; message: string; retryAfterSeconds: number; upstream: string } };
    expect(body.error).toMatchObject({ code: "RATE_LIMITED", upstream: "member_share_exhausted" });
    expect(body.error.message).toMatch(/your share of this team's WhatTalk requests/);
    expect(res.headers.get("retry-after")).toBe(String(body.error.retryAfterSeconds));
    expect(toAppError(error).retryAfterSeconds).toBeGreaterThan(0);
  });

  it("cache hits and coalesced answers do not use the share", async () => {
    const ctx = as(teamCtx(sim), "ayse");
    // The same query 50 times (at once, then again): one upstream request.
    await Promise.all(Array.from({ length: 50 }, () => listCalls(ctx, { status: "completed", per_page: 1 })));
    for (let i = 0; i < 20; i++) expect((await listCalls(ctx, { status: "completed", per_page: 1 })).meta.cache).toBe("hit");
    expect(apiRequests(sim)).toHaveLength(1);
    // So 9 of the 10 are left.
    const rest = await burst(ctx, 12, 2);
    expect(rest.filter((r) => r.status === "fulfilled")).toHaveLength(9);
    // With the share spent, what is cached is still served.
    expect((await listCalls(ctx, { status: "completed", per_page: 1 })).meta.cache).toBe("hit");
  });

  it("a member whose leader's share is spent asks for themselves instead of sharing the refusal", async () => {
    sim.setFaults({ latencyMs: 100 });
    const team = teamCtx(sim);
    const spent = as(team, "ayse");
    await burst(spent, 10);
    sim.clearRequests();
    // Ayşe (share spent) asks first and leads; Burak asks the same at once and is served.
    const [a, b] = await Promise.allSettled([listCalls(spent, { status: "ended" }), listCalls(as(team, "burak"), { status: "ended" })]);
    expect(a.status).toBe("rejected");
    expect(isWhatTalkError((a as PromiseRejectedResult).reason, "member_share_exhausted")).toBe(true);
    expect(b.status).toBe("fulfilled");
    expect(apiRequests(sim)).toHaveLength(1);
  });

  it("a refusal by the team budget gives the member's request back", async () => {
    const team = teamCtx(sim);
    await burst(as(team, "burak"), 10);
    await burst(as(team, "cem"), 10, 20);
    // The team budget is spent: Ayşe's five refused requests do not count against her share.
    expect(refusals(await burst(as(team, "ayse"), 5, 50)).map((e) => e.kind)).toEqual(Array(5).fill("budget_exhausted"));
    expect(await consumeMemberShare(team.teamId, "ayse")).toEqual({ ok: true, remaining: 9 });
  });

  it("takes the share from WHATTALK_MEMBER_SHARE; 1 lets one member use the whole budget; none applies without a member", async () => {
    freshState({ WHATTALK_TEAM_BUDGET_PER_MINUTE: "20", WHATTALK_MEMBER_SHARE: "0.25" });
    expect(memberSharePerMinute()).toBe(5);
    expect((await burst(as(teamCtx(sim), "ayse"), 8)).filter((r) => r.status === "fulfilled")).toHaveLength(5);
    freshState({ WHATTALK_TEAM_BUDGET_PER_MINUTE: "20", WHATTALK_MEMBER_SHARE: "1" });
    expect((await burst(as(teamCtx(sim), "ayse"), 25)).filter((r) => r.status === "fulfilled")).toHaveLength(20);
    freshState({ WHATTALK_TEAM_BUDGET_PER_MINUTE: "20" });
    expect((await burst(teamCtx(sim), 25)).filter((r) => r.status === "fulfilled")).toHaveLength(20);
    freshState({ WHATTALK_TEAM_BUDGET_PER_MINUTE: "1" });
    expect(memberSharePerMinute()).toBe(1);
  });
});
