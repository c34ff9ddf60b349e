// Bulk accounts for benchmarks: N calls generated quickly and deterministically (mostly Turkish,
// some English), served like any account, with fast pagination.

import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateBulkAccount } from "@/tools/whattalk-sim/bulk";
import type { Simulator } from "@/tools/whattalk-sim/server";
import { ANCHOR, api, startSim } from "./helpers";

const N = 10_000;
const KEY = "wt_bench_10k";
const T0 = Date.parse(ANCHOR);

let sim: Simulator;
let startMs = 0;
beforeAll(async () => {
  const t = performance.now();
  sim = await startSim({ now: () => T0, extraAccounts: [{ key: KEY, calls: N, timeZone: "Europe/Istanbul" }] });
  startMs = performance.now() - t;
}, 60_000);
afterAll(async () => {
  await sim?.close();
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function timed(path: string, n: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const r = await api(sim, path, KEY);
    expect(r.status).toBe(200);
    times.push(performance.now() - t);
  }
  return median(times);
}

describe("a bulk account", () => {
  it("serves N calls under its own key, ids a block after the demo's in creation order, within the history window", async () => {
    expect(startMs).toBeLessThan(20_000);
    const page = await api(sim, "/user/calls?per_page=100", KEY);
    expect(page.json.total).toBe(N);
    expect((await api(sim, "/user/calls?per_page=1")).json.total).toBe(sim.dataset.accounts[0].calls.length);
    const demoMax = Math.max(...sim.dataset.accounts.filter((a) => a.key !== KEY).flatMap((a) => a.calls.map((c) => c.id)));
    const calls = sim.calls(KEY);
    expect(calls.at(-1)!.id).toBe(demoMax + 1);
    expect(calls[0].id).toBe(demoMax + N);
    for (let i = 1; i < calls.length; i++) {
      expect(calls[i].id).toBe(calls[i - 1].id - 1);
      expect(calls[i].created_at <= calls[i - 1].created_at).toBe(true);
    }
    const first = Date.parse(`${calls.at(-1)!.created_at.replace(" ", "T")}+03:00`);
    expect(first).toBeGreaterThan(T0 - 91 * 86_400_000);
    expect(Date.parse(`${calls[0].created_at.replace(" ", "T")}+03:00`)).toBeLessThan(T0);
    // Its assistants have their own ids; a demo key does not see its calls.
    const assistants = (await api(sim, "/user/assistants/get?per_page=100", KEY)).json.data.map((a: { id: number }) => a.id);
    expect(assistants).toEqual([1101, 1102, 1103, 1104, 1105, 1106, 1107]);
    expect((await api(sim, `/user/calls/${calls[0].id}`)).status).toBe(404);
    expect((await api(sim, `/user/calls/${calls[0].id}`, KEY)).json).toEqual(calls[0]);
  });

  it("has realistic content: mostly Turkish transcripts, some English, every status and type", () => {
    const calls = sim.calls(KEY);
    const transcripts = calls.map((c) => c.transcript).filter((t): t is string => !!t && t.length > 40);
    const turkish = transcripts.filter((t) => /[çğıöşü]/i.test(t) && /Merhaba|Teşekkür|teşekkür|Evet|Tamam|İyi günler/.test(t));
    const english = calls.filter((c) => c.assistant_id === 1104 && c.transcript && /Hello|Hi,|thanks|Thank you/i.test(c.transcript));
    expect(turkish.length / transcripts.length).toBeGreaterThan(0.75);
    expect(english.length / calls.length).toBeGreaterThan(0.04);
    expect(english.length / calls.length).toBeLessThan(0.2);
    expect(new Set(calls.map((c) => c.status)).size).toBeGreaterThanOrEqual(7);
    expect(new Set(calls.map((c) => c.type))).toEqual(new Set(["inbound", "outbound", "web"]));
    expect(calls.filter((c) => c.evaluation && "score" in c.evaluation).length / calls.length).toBeGreaterThan(0.4);
  });

  it("is deterministic: the same spec gives the same calls, another key other calls", () => {
    const hash = (key: string) =>
      createHash("sha256").update(JSON.stringify(generateBulkAccount({ key, calls: 500 }, 0, 50_000, T0, "http://sim.test").account.calls)).digest("hex");
    expect(hash("wt_a")).toBe(hash("wt_a"));
    expect(hash("wt_a")).not.toBe(hash("wt_b"));
  });

  it("pages quickly, first, middle and last pages, filtered or not", async () => {
    await timed("/user/calls?per_page=100", 5); // warm-up
    expect(await timed("/user/calls?per_page=100&page=50", 15)).toBeLessThan(50);
    expect(await timed("/user/calls?per_page=100&page=100", 15)).toBeLessThan(50);
    expect(await timed("/user/calls?per_page=100&status=completed&page=10", 15)).toBeLessThan(60);
    const last = await api(sim, "/user/calls?per_page=100&page=100", KEY);
    expect(last.json.data.at(-1).id).toBe(sim.calls(KEY).at(-1)!.id);
    expect((await api(sim, "/user/calls?per_page=100&page=101", KEY)).json.data).toEqual([]);
  });

  it("receives arrivals like a demo account, with its own assistants", async () => {
    const lastBulkId = sim.calls(KEY)[0].id;
    sim.updateWorld({ arrivalsPerHour: 60, evolve: true });
    sim.advance(60 * 60_000);
    const calls = sim.calls(KEY);
    const added = calls.slice(0, calls.length - N);
    expect(added.length).toBeGreaterThan(30);
    for (const c of added) {
      expect(c.id).toBeGreaterThan(lastBulkId);
      expect([1101, 1102, 1103, 1104, 1105, 1106]).toContain(c.assistant_id);
      expect(Date.parse(`${c.created_at.replace(" ", "T")}+03:00`)).toBeGreaterThan(T0);
    }
    sim.reset();
    expect(sim.calls(KEY).length).toBe(N);
  });
});
