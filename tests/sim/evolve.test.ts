// Calls that change after creation: the simulator's clock, live calls finishing after a realistic
// delay, evaluations arriving minutes later, determinism, and the /__control/world and clock API.

import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Call, Simulator } from "@/tools/whattalk-sim/server";
import { ANCHOR, KEYS, api, http, startSim } from "./helpers";

const T0 = Date.parse(ANCHOR);
const LIVE = ["initiated", "ringing", "in-progress"];
const FINAL = ["completed", "ended", "ended_by_customer", "ended_by_assistant", "no-answer", "busy", "failed"];
const ANSWERED = ["completed", "ended", "ended_by_customer", "ended_by_assistant"];
const MIN = 60_000;
/** Long in-process loops let the event loop breathe, so keep-alive timers fire in order (no ECONNRESET on reuse). */
const yieldToServer = (i: number) => (i % 50 === 0 ? new Promise<void>((r) => setImmediate(r)) : undefined);

let sim: Simulator;
beforeAll(async () => {
  sim = await startSim({ now: () => T0 });
});
afterEach(() => sim.reset());
afterAll(async () => {
  await sim?.close();
});

const control = (path: string, method = "GET", body?: unknown) => http(`${sim.url}/__control${path}`, { method, body });
const instant = (local: string, offsetHours = 3) => Date.parse(`${local.replace(" ", "T")}Z`) - offsetHours * 3_600_000; // Istanbul is UTC+3
/** The alpha calls live at the anchor: fresh ones (last 30 minutes) and the stale ones (days old). */
function liveAtStart(): { fresh: Call[]; stale: Call[] } {
  const live = sim.dataset.accounts[0].calls.filter((c) => LIVE.includes(c.status));
  return { fresh: live.filter((c) => instant(c.created_at) > T0 - 60 * MIN), stale: live.filter((c) => instant(c.created_at) <= T0 - 60 * MIN) };
}

describe("the world is still by default", () => {
  it("reports the default settings and changes nothing when the clock moves", async () => {
    expect((await control("/world")).json).toEqual({ evolve: false, arrivalsPerHour: 0, deletionsPerHour: 0, evaluationDelayMs: [60_000, 300_000], ignoreFilters: false });
    const before = JSON.stringify(sim.calls(KEYS.alpha));
    const moved = await control("/clock", "POST", { advanceMs: 6 * 60 * MIN });
    expect(moved.json).toMatchObject({ now: new Date(T0 + 6 * 60 * MIN).toISOString(), offsetMs: 6 * 60 * MIN });
    expect(JSON.stringify(sim.calls(KEYS.alpha))).toBe(before);
  });
});

describe("live calls finish, evaluations arrive later", () => {
  it("moves each fresh live call to a final status with content after a realistic delay; stale ones stay stuck", async () => {
    await control("/world", "PATCH", { evolve: true });
    const { fresh, stale } = liveAtStart();
    expect(fresh.length).toBe(8);
    expect(stale.length).toBe(3);
    // Nothing happens before the clock moves.
    for (const c of fresh) expect((await api(sim, `/user/calls/${c.id}`)).json.status).toBe(c.status);

    await control("/clock", "POST", { advanceMs: 60 * MIN });
    const now = T0 + 60 * MIN;
    for (const c of fresh) {
      const after = (await api(sim, `/user/calls/${c.id}`)).json as Call;
      expect(FINAL).toContain(after.status);
      if (c.status === "in-progress") expect(ANSWERED).toContain(after.status);
      expect(after.created_at).toBe(c.created_at);
      const updated = instant(after.updated_at);
      expect(updated).toBeGreaterThan(T0);
      expect(updated).toBeLessThanOrEqual(now);
      if (ANSWERED.includes(after.status)) {
        expect(after.duration).toBeGreaterThan(0);
        expect(typeof after.transcript).toBe("string");
        expect(typeof after.total_cost).toBe("number");
      } else {
        expect(after.duration).toBe(0);
        expect(after.transcript).toBeNull();
      }
    }
    for (const c of stale) expect((await api(sim, `/user/calls/${c.id}`)).json).toEqual(c);
  });

  it("passes through ringing and in-progress, and adds the evaluation within the configured delay after the end", async () => {
    await control("/world", "PATCH", { evolve: true, evaluationDelayMs: [120_000, 180_000] });
    const seen = new Map<number, { statuses: string[]; finalAt?: number; evaluatedAt?: number; evaluation?: unknown }>();
    const { fresh } = liveAtStart();
    for (let t = 0; t <= 45 * MIN; ) {
      const step = t < 3 * MIN ? 1000 : 5000;
      if (t > 0) sim.advance(step);
      t += step;
      await yieldToServer(t / 1000);
      for (const c of sim.calls(KEYS.alpha).filter((x) => fresh.some((f) => f.id === x.id))) {
        const s = seen.get(c.id) ?? { statuses: [] };
        if (s.statuses.at(-1) !== c.status) s.statuses.push(c.status);
        if (FINAL.includes(c.status) && s.finalAt === undefined) s.finalAt = instant(c.updated_at);
        if (c.evaluation && s.evaluatedAt === undefined) {
          s.evaluatedAt = instant(c.updated_at);
          s.evaluation = c.evaluation;
        }
        seen.set(c.id, s);
      }
    }
    const initiated = fresh.find((c) => c.status === "initiated")!;
    expect(seen.get(initiated.id)!.statuses.slice(0, 2)).toEqual(["initiated", "ringing"]);
    let evaluated = 0;
    for (const [, s] of seen) {
      expect(FINAL).toContain(s.statuses.at(-1));
      if (s.evaluatedAt !== undefined) {
        evaluated++;
        expect(s.evaluatedAt - s.finalAt!).toBeGreaterThanOrEqual(120_000);
        expect(s.evaluatedAt - s.finalAt!).toBeLessThanOrEqual(180_000 + 1000);
      }
    }
    expect(evaluated).toBeGreaterThan(0);
    const full = [...seen.values()].map((s) => s.evaluation).find((e) => e && Object.keys(e).length >= 3);
    expect(full).toMatchObject({ sentiment: expect.stringMatching(/^(positive|neutral|negative)$/), outcome: expect.any(String), score: expect.any(Number) });
  });

  it("is deterministic given the seed and the clock, and another seed gives another course", async () => {
    const run = async (worldSeed: number) => {
      const s = await startSim({ now: () => T0, world: { evolve: true, arrivalsPerHour: 20 }, worldSeed, publicUrl: "http://sim.test" });
      s.advance(17 * MIN);
      s.advance(23 * MIN);
      const out = createHash("sha256").update(JSON.stringify([s.calls(KEYS.alpha).slice(0, 40), s.calls(KEYS.beta).slice(0, 10)])).digest("hex");
      await s.close();
      return out;
    };
    const a = await run(7);
    expect(await run(7)).toBe(a);
    expect(await run(8)).not.toBe(a);
  });

  it("reset puts the clock back and restores the calls and the start settings", async () => {
    await control("/world", "PATCH", { evolve: true, ignoreFilters: true });
    sim.advance(60 * MIN);
    sim.reset();
    expect(sim.now()).toBe(T0);
    expect(sim.getWorld().evolve).toBe(false);
    expect(JSON.stringify(sim.calls(KEYS.alpha))).toBe(JSON.stringify(sim.dataset.accounts[0].calls));
  });
});

describe("control API input", () => {
  it("refuses bad world settings and clock moves with 400, changing nothing", async () => {
    for (const bad of [{ evolve: "yes" }, { arrivalsPerHour: -1 }, { deletionsPerHour: 3601 }, { evaluationDelayMs: [5000, 1000] }, { nope: true }, [1]]) {
      const r = await control("/world", "PATCH", bad);
      expect(r.status).toBe(400);
      expect(r.json.message).toBeTruthy();
    }
    for (const bad of [{}, { advanceMs: -5 }, { advanceMs: "60000" }, { advanceMs: 1e15 }]) {
      expect((await control("/clock", "POST", bad)).status).toBe(400);
    }
    expect((await control("/clock", "POST", "{not json")).status).toBe(400);
    expect((await control("/world")).json.evolve).toBe(false);
    expect((await control("/clock")).json.offsetMs).toBe(0);
  });

  it("PUT replaces the world settings (fields not given take their defaults)", async () => {
    await control("/world", "PATCH", { evolve: true, arrivalsPerHour: 5 });
    const put = await control("/world", "PUT", { deletionsPerHour: 2 });
    expect(put.json).toMatchObject({ evolve: false, arrivalsPerHour: 0, deletionsPerHour: 2 });
  });
});
