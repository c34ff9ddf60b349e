// A request whose caller has already gone (its signal aborted before the client runs, e.g. the
// browser closed the connection) still starts the shared upstream request for any other waiter;
// when that request then fails, the failure must not surface as an unhandled rejection (Next logs
// those as plain-text "⨯ unhandledRejection" lines, outside the JSON log).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listCalls } from "@/lib/whattalk";
import type { Simulator } from "@/tools/whattalk-sim/server";
import { apiRequests, freshState, rejection, sleep, startSim, teamCtx } from "./whattalk-helpers";

describe("callers that are already gone", () => {
  let sim: Simulator;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    sim = await startSim();
    process.on("unhandledRejection", onUnhandled);
  });
  afterAll(async () => {
    process.off("unhandledRejection", onUnhandled);
    await sim.close();
  });
  beforeEach(() => {
    sim.reset();
    unhandled.length = 0;
  });

  it("an already-aborted caller gets its abort reason; a failing shared request is not an unhandled rejection", async () => {
    freshState({ WHATTALK_TEAM_BUDGET_PER_MINUTE: "1", WHATTALK_MAX_RETRIES: "0" });
    const ctx = teamCtx(sim);
    await listCalls(ctx, { page: 1 }); // spends the budget
    const gone = AbortSignal.abort(new Error("client went away"));
    const error = await rejection(listCalls(ctx, { page: 2 }, { signal: gone }));
    expect((error as Error).message).toBe("client went away");
    await sleep(100); // the shared request fails (budget spent) after the caller left
    expect(unhandled).toEqual([]);
  });

  it("an already-aborted caller of an upstream that fails (500) leaves nothing unhandled either", async () => {
    freshState({ WHATTALK_MAX_RETRIES: "0" });
    sim.setFaults({ failNext: { count: 1, status: 500 } });
    const ctx = teamCtx(sim);
    await rejection(listCalls(ctx, { page: 3 }, { signal: AbortSignal.abort() }));
    await sleep(300);
    expect(apiRequests(sim).map((r) => r.status)).toEqual([500]);
    expect(unhandled).toEqual([]);
  });
});
