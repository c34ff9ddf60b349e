// New calls arriving over time, deletions over time, the list ignoring all filters, the world's
// SIM_* variables, and the fault switches a sync test flips at runtime.

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { simOptionsFromEnv, type Call, type Simulator } from "@/tools/whattalk-sim/server";
import { ANCHOR, KEYS, api, http, startSim } from "./helpers";

const T0 = Date.parse(ANCHOR);
const MIN = 60_000;
const LIVE = ["initiated", "ringing", "in-progress"];
const TZ: Record<string, number> = { [KEYS.alpha]: 3, [KEYS.beta]: 2, [KEYS.gamma]: -4 }; // offsets on 2025-04-01

let sim: Simulator;
beforeAll(async () => {
  sim = await startSim({ now: () => T0 });
});
afterEach(() => sim.reset());
afterAll(async () => {
  await sim?.close();
});

const control = (path: string, method = "GET", body?: unknown) => http(`${sim.url}/__control${path}`, { method, body });
const instant = (c: Call, key: string) => Date.parse(`${c.created_at.replace(" ", "T")}Z`) - TZ[key] * 3_600_000;
let maxId = 0;
const maxGeneratedId = () => (maxId ||= Math.max(...sim.dataset.accounts.flatMap((a) => a.calls.map((c) => c.id))));
/** The calls added since the start (newest first): they are at the head of the list. */
function newCalls(key: string): Call[] {
  const max = maxGeneratedId();
  const out: Call[] = [];
  for (const c of sim.calls(key)) {
    if (c.id <= max) break;
    out.push(c);
  }
  return out;
}

describe("arrivals", () => {
  it("adds calls at the configured rate per account, ids continuing the global sequence in creation order", async () => {
    expect((await control("/world", "PATCH", { arrivalsPerHour: 30 })).json.arrivalsPerHour).toBe(30);
    await control("/clock", "POST", { advanceMs: 120 * MIN });
    const all: { key: string; call: Call }[] = [];
    for (const key of Object.values(KEYS)) {
      const added = newCalls(key);
      // Poisson with mean 60 over two hours: far outside 30..95 only if the rate is wrong.
      expect(added.length).toBeGreaterThanOrEqual(30);
      expect(added.length).toBeLessThanOrEqual(95);
      for (const call of added) all.push({ key, call });
    }
    all.sort((a, b) => a.call.id - b.call.id);
    expect(all[0].call.id).toBe(maxGeneratedId() + 1);
    all.forEach((x, i) => {
      expect(x.call.id).toBe(maxGeneratedId() + 1 + i);
      const at = instant(x.call, x.key);
      expect(at).toBeGreaterThan(T0);
      expect(at).toBeLessThanOrEqual(T0 + 120 * MIN);
      if (i > 0) expect(at).toBeGreaterThanOrEqual(instant(all[i - 1].call, all[i - 1].key));
    });
    // Seen through the API like any call: newest first on page 1.
    const page = await api(sim, "/user/calls?per_page=5");
    expect(page.json.data[0].id).toBe(newCalls(KEYS.alpha)[0].id);
  });

  it("arrives live with the history's kind of content (mostly Turkish for alpha), then finishes", async () => {
    await control("/world", "PATCH", { arrivalsPerHour: 40, evolve: true });
    let first: Call | undefined;
    for (let s = 0; s < 3600 && !first; s++) {
      sim.advance(1000);
      first = newCalls(KEYS.alpha).at(-1);
      if (s % 50 === 0) await new Promise<void>((r) => setImmediate(r)); // keep-alive timers fire in order
    }
    expect(first).toBeDefined();
    expect(["initiated", "ringing"]).toContain(first!.status);
    expect(first!.updated_at).toBe(first!.created_at);
    expect(first!.duration).toBe(0);
    expect(first!.evaluation).toBeNull();

    sim.advance(3 * 60 * MIN);
    const added = newCalls(KEYS.alpha);
    const old = added.filter((c) => instant(c, KEYS.alpha) < sim.now() - 60 * MIN);
    expect(old.length).toBeGreaterThan(40);
    for (const c of old) expect(LIVE).not.toContain(c.status);
    expect(sim.calls(KEYS.alpha).find((c) => c.id === first!.id)!.status).not.toBe(first!.status);
    const transcripts = old.map((c) => c.transcript).filter((t): t is string => !!t);
    const turkish = transcripts.filter((t) => /[çğıöşüÇĞİÖŞÜ]/.test(t));
    expect(turkish.length / transcripts.length).toBeGreaterThan(0.6);
    expect(old.some((c) => c.recording_url?.endsWith(`/recordings/calls/${c.id}.wav`))).toBe(true);
    expect(old.some((c) => c.evaluation && "score" in c.evaluation)).toBe(true);
    expect(old.every((c) => c.assistant_id !== null && [101, 102, 103, 104, 105, 106].includes(c.assistant_id))).toBe(true);
  });

  it("stops when the rate goes back to 0", async () => {
    await control("/world", "PATCH", { arrivalsPerHour: 60 });
    sim.advance(30 * MIN);
    const n = newCalls(KEYS.beta).length;
    expect(n).toBeGreaterThan(0);
    await control("/world", "PATCH", { arrivalsPerHour: 0 });
    sim.advance(120 * MIN);
    expect(newCalls(KEYS.beta).length).toBe(n);
  });
});

describe("deletions", () => {
  it("deletes calls among the newest 500 at the configured rate; they answer 404", async () => {
    const before = sim.calls(KEYS.alpha);
    const newest = new Set(before.slice(0, 500).map((c) => c.id));
    await control("/world", "PATCH", { deletionsPerHour: 20 });
    sim.advance(60 * MIN);
    const after = new Set(sim.calls(KEYS.alpha).map((c) => c.id));
    const gone = before.filter((c) => !after.has(c.id));
    expect(gone.length).toBeGreaterThanOrEqual(8);
    expect(gone.length).toBeLessThanOrEqual(35);
    for (const c of gone) {
      expect(newest.has(c.id)).toBe(true);
      expect((await api(sim, `/user/calls/${c.id}`)).status).toBe(404);
    }
    const total = (await api(sim, "/user/calls?per_page=1")).json.total;
    expect(total).toBe(before.length - gone.length);
  });
});

describe("ignoreFilters", () => {
  it("validates the filters but applies none of them; off again, they apply", async () => {
    const filtered = "/user/calls?status=completed&type=inbound&phone_number=532&assistant_id=102&campaign_id=1001&date_from=2025-03-01&date_to=2025-03-02&per_page=100";
    const all = (await api(sim, "/user/calls?per_page=100")).json;
    expect((await api(sim, filtered)).json.total).toBe(0);
    expect((await control("/world", "PATCH", { ignoreFilters: true })).json.ignoreFilters).toBe(true);
    const ignored = await api(sim, filtered);
    expect(ignored.status).toBe(200);
    expect(ignored.json.total).toBe(all.total);
    expect(ignored.json.data.map((c: Call) => c.id)).toEqual(all.data.map((c: Call) => c.id));
    const bad = await api(sim, "/user/calls?status=nope&date_from=2025-13-01");
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.errors).sort()).toEqual(["date_from", "status"]);
    await control("/world", "PATCH", { ignoreFilters: false });
    expect((await api(sim, filtered)).json.total).toBe(0);
  });
});

describe("faults a sync test switches at runtime", () => {
  it("fails, hangs and slows down on demand, and recovers when switched off", async () => {
    await control("/faults", "PATCH", { errorRate: 1, errorStatuses: [503] });
    expect((await api(sim, "/user/calls?per_page=1")).status).toBe(503);
    await control("/faults", "PATCH", { errorRate: 0, hangRate: 1 });
    const hung = await api(sim, "/user/calls?per_page=1", KEYS.alpha, { signal: AbortSignal.timeout(300) }).catch((e: Error) => e.name);
    expect(["TimeoutError", "AbortError"]).toContain(hung);
    await control("/faults", "PATCH", { hangRate: 0, latencyMs: 400 });
    let t = performance.now();
    expect((await api(sim, "/user/calls?per_page=1")).status).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(390);
    await control("/faults", "PATCH", { latencyMs: 0 });
    t = performance.now();
    expect((await api(sim, "/user/calls?per_page=1")).status).toBe(200);
    expect(performance.now() - t).toBeLessThan(300);
  });
});

describe("options from the environment", () => {
  it("reads the world and the bulk account from SIM_* variables, refusing bad values", () => {
    const o = simOptionsFromEnv({ SIM_EVOLVE: "1", SIM_ARRIVALS_PER_HOUR: "12", SIM_DELETIONS_PER_HOUR: "0.5", SIM_EVALUATION_DELAY_MIN_S: "30", SIM_EVALUATION_DELAY_MAX_S: "90", SIM_IGNORE_FILTERS: "yes", SIM_BULK_CALLS: "1000", SIM_BULK_TIME_ZONE: "Europe/Berlin" });
    expect(o.world).toEqual({ evolve: true, arrivalsPerHour: 12, deletionsPerHour: 0.5, evaluationDelayMs: [30_000, 90_000], ignoreFilters: true });
    expect(o.extraAccounts).toEqual([{ key: "wt_bulk", calls: 1000, timeZone: "Europe/Berlin" }]);
    expect(simOptionsFromEnv({}).world).toBeUndefined();
    expect(() => simOptionsFromEnv({ SIM_ARRIVALS_PER_HOUR: "-1" })).toThrow(/arrivalsPerHour/);
    expect(() => simOptionsFromEnv({ SIM_EVALUATION_DELAY_MIN_S: "600", SIM_EVALUATION_DELAY_MAX_S: "60" })).toThrow(/evaluationDelayMs/);
    expect(() => simOptionsFromEnv({ SIM_BULK_CALLS: "many" })).toThrow(/SIM_BULK_CALLS/);
    expect(() => simOptionsFromEnv({ SIM_BULK_CALLS: "10", SIM_BULK_KEY: KEYS.alpha })).toThrow(/SIM_BULK_KEY/);
    expect(() => simOptionsFromEnv({ SIM_BULK_CALLS: "10", SIM_BULK_TIME_ZONE: "Mars/Olympus" })).toThrow(/SIM_BULK_TIME_ZONE/);
  });
});
