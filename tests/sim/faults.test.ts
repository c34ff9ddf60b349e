// Fault injection (latency, errors, rate limit, malformed JSON, hangs, failNext, assistants 404,
// an ignored assistant filter)
// and the control API (faults, reset, request log, stats, patching and adding calls).

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { simOptionsFromEnv, type Simulator } from "@/tools/whattalk-sim/server";
import { KEYS, account, api, http, startSim } from "./helpers";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSim();
});
afterEach(() => {
  sim.reset();
});
afterAll(async () => {
  await sim?.close();
});

const control = (path: string, method = "GET", body?: unknown) => http(`${sim.url}/__control${path}`, { method, body });

async function expectAborted(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: Error) => e,
  );
  expect(err).not.toBeNull();
  expect(["TimeoutError", "AbortError"]).toContain((err as Error).name);
}

describe("latency and errors", () => {
  it("adds fixed latency, plus bounded jitter", async () => {
    sim.setFaults({ latencyMs: 150 });
    let t0 = performance.now();
    const r = await api(sim, "/user/calls?per_page=1");
    expect(r.status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(145);

    sim.setFaults({ jitterMs: 60 });
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      t0 = performance.now();
      await api(sim, "/user/calls?per_page=1");
      times.push(performance.now() - t0);
    }
    expect(Math.max(...times)).toBeLessThan(60 + 150);
    const log = sim.requests().slice(-6);
    expect(log.every((e) => e.durationMs !== null && e.durationMs <= 60 + 100)).toBe(true); // generous: timers run late on a busy machine
    expect(log.some((e) => (e.durationMs ?? 0) >= 5)).toBe(true);
  });

  it("answers 5xx at errorRate 1.0 (500/502/503; 502 is a gateway HTML page)", async () => {
    sim.setFaults({ errorRate: 1 });
    const seen = new Set<number>();
    for (let i = 0; i < 30; i++) {
      const r = await api(sim, "/user/calls");
      expect([500, 502, 503]).toContain(r.status);
      seen.add(r.status);
      if (r.status === 500) expect(r.json).toEqual({ message: "Server Error" });
      if (r.status === 503) expect(r.json).toEqual({ message: "Service Unavailable" });
      if (r.status === 502) {
        expect(r.headers.get("content-type")).toBe("text/html");
        expect(r.text).toContain("502 Bad Gateway");
      }
    }
    expect(seen.size).toBe(3);
    sim.setFaults({ errorRate: 1, errorStatuses: [503] });
    expect((await api(sim, "/user/calls")).status).toBe(503);
    // Recordings are not affected by API faults.
    const rec = account(sim, "alpha").calls.find((c) => c.recording_url)!;
    expect((await fetch(rec.recording_url!)).status).toBe(200);
  });

  it("answers 500 about half the time at errorRate 0.5", async () => {
    sim.setFaults({ errorRate: 0.5 });
    let errors = 0;
    for (let i = 0; i < 60; i++) if ((await api(sim, "/user/calls?per_page=1")).status >= 500) errors++;
    expect(errors).toBeGreaterThan(15);
    expect(errors).toBeLessThan(45);
  });
});

describe("rate limit", () => {
  it("allows N requests per minute per key, then 429 with Retry-After", async () => {
    sim.setFaults({ rateLimitPerMinute: 5 });
    for (let i = 0; i < 5; i++) {
      const r = await api(sim, "/user/calls?per_page=1");
      expect(r.status).toBe(200);
      expect(r.headers.get("x-ratelimit-limit")).toBe("5");
      expect(r.headers.get("x-ratelimit-remaining")).toBe(String(4 - i));
    }
    const limited = await api(sim, "/user/calls?per_page=1");
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({ message: "Too Many Attempts." });
    const retry = Number(limited.headers.get("retry-after"));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    // Other keys have their own budget; unauthenticated requests are not counted (401, no headers).
    expect((await api(sim, "/user/calls?per_page=1", KEYS.beta)).status).toBe(200);
    const anon = await api(sim, "/user/calls", null);
    expect(anon.status).toBe(401);
    expect(anon.headers.get("x-ratelimit-limit")).toBeNull();
    // reset clears the counters.
    sim.reset();
    sim.setFaults({ rateLimitPerMinute: 5 });
    expect((await api(sim, "/user/calls?per_page=1")).status).toBe(200);
  });

  it("applies the 10-second burst limit", async () => {
    sim.setFaults({ rateLimitPerMinute: 100, rateBurstPer10s: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await api(sim, "/user/assistants/get")).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const r = await api(sim, "/user/calls");
    expect(Number(r.headers.get("retry-after"))).toBeLessThanOrEqual(10);
    expect(r.headers.get("x-ratelimit-limit")).toBe("100");
  });
});

describe("malformed, hang, failNext, assistants404, documentedFieldsOnly", () => {
  it("answers 200 with truncated JSON at malformedRate 1", async () => {
    sim.setFaults({ malformedRate: 1 });
    for (const path of ["/user/calls", "/user/calls/" + account(sim, "alpha").calls[0].id, "/user/assistants/phone-numbers"]) {
      const r = await api(sim, path);
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toBe("application/json");
      expect(r.text.length).toBeGreaterThan(0);
      expect(() => JSON.parse(r.text)).toThrow();
    }
  });

  it("never answers at hangRate 1 (client gives up), and logs the request unanswered", async () => {
    sim.setFaults({ hangRate: 1 });
    const t0 = performance.now();
    await expectAborted(api(sim, "/user/calls?hang=1", KEYS.alpha, { signal: AbortSignal.timeout(300) }));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    const entry = sim.requests().find((e) => e.query.hang === "1")!;
    expect(entry).toMatchObject({ status: null, durationMs: null, path: "/api/user/calls" });
  });

  it("failNext answers the next N requests with the given status, then recovers", async () => {
    const put = await control("/faults", "PUT", { failNext: { count: 2, status: 503 } });
    expect(put.status).toBe(200);
    expect(put.json.failNext).toEqual({ count: 2, status: 503 });
    expect((await api(sim, "/user/calls")).status).toBe(503);
    expect((await control("/faults")).json.failNext).toEqual({ count: 1, status: 503 });
    expect((await api(sim, "/user/calls", null)).status).toBe(503); // counts any API request
    expect((await api(sim, "/user/calls")).status).toBe(200);
    expect((await control("/faults")).json.failNext).toBeNull();

    sim.setFaults({ failNext: { count: 1, status: 429 } });
    const r429 = await api(sim, "/user/calls");
    expect(r429.status).toBe(429);
    expect(r429.headers.get("retry-after")).toBe("1");
  });

  it("failNext supports malformed and hang", async () => {
    sim.setFaults({ failNext: { count: 1, status: "malformed" } });
    const m = await api(sim, "/user/calls");
    expect(m.status).toBe(200);
    expect(() => JSON.parse(m.text)).toThrow();
    expect((await api(sim, "/user/calls")).json.total).toBeGreaterThan(0);

    sim.setFaults({ failNext: { count: 1, status: "hang" } });
    await expectAborted(api(sim, "/user/calls", KEYS.alpha, { signal: AbortSignal.timeout(200) }));
    expect((await api(sim, "/user/calls")).status).toBe(200);
  });

  it("assistants404 hides the assistants endpoints", async () => {
    sim.setFaults({ assistants404: true });
    for (const p of ["/user/assistants/get", "/user/assistants/phone-numbers"]) {
      const r = await api(sim, p);
      expect(r.status).toBe(404);
      expect(r.json.message).toContain("could not be found");
    }
    expect((await api(sim, "/user/calls")).status).toBe(200);
  });

  it("documentedFieldsOnly leaves assistant_id and campaign_id out of call objects; filters by them still work", async () => {
    const documented = [
      "id", "assistant_name", "campaign_name", "type", "duration", "assistant_phone_number", "client_phone_number",
      "status", "transcript", "variables", "evaluation", "webhook_response", "carrier_cost", "total_cost",
      "answered_by", "recording_url", "created_at", "updated_at",
    ];
    const expected = account(sim, "alpha").calls.filter((c) => c.assistant_id === 101 && c.campaign_id === 1002);
    const before = await api(sim, "/user/calls?assistant_id=101&campaign_id=1002&per_page=100");
    expect(before.json.data[0]).toHaveProperty("assistant_id", 101);

    const put = await control("/faults", "PATCH", { documentedFieldsOnly: true });
    expect(put.status).toBe(200);
    expect(put.json.documentedFieldsOnly).toBe(true);
    const list = await api(sim, "/user/calls?assistant_id=101&campaign_id=1002&per_page=100");
    expect(list.status).toBe(200);
    expect(list.json.total).toBe(expected.length);
    expect(list.json.data.map((c: { id: number }) => c.id)).toEqual(before.json.data.map((c: { id: number }) => c.id));
    for (const c of list.json.data) expect(Object.keys(c)).toEqual(documented);
    const one = await api(sim, `/user/calls/${expected[0].id}`);
    expect(Object.keys(one.json)).toEqual(documented);
    expect(one.json.assistant_name).toBe(expected[0].assistant_name);

    // A patched call is served without them too; reset brings them back.
    await control(`/calls/${expected[0].id}`, "PATCH", { status: "failed" });
    expect(Object.keys((await api(sim, `/user/calls/${expected[0].id}`)).json)).toEqual(documented);
    await control("/reset", "POST");
    expect((await api(sim, `/user/calls/${expected[0].id}`)).json).toHaveProperty("assistant_id", 101);
    expect(simOptionsFromEnv({ SIM_DOCUMENTED_FIELDS_ONLY: "1" }).faults).toEqual({ documentedFieldsOnly: true });
  });

  it("ignoreAssistantFilter answers every assistant's calls to an assistant_id filter (still validated)", async () => {
    const all = account(sim, "alpha").calls;
    const completed = all.filter((c) => c.status === "completed");
    const own = completed.filter((c) => c.assistant_id === 101);
    expect((await api(sim, "/user/calls?assistant_id=101&status=completed&per_page=5")).json.total).toBe(own.length);

    const put = await control("/faults", "PATCH", { ignoreAssistantFilter: true });
    expect(put.json.ignoreAssistantFilter).toBe(true);
    const list = await api(sim, "/user/calls?assistant_id=101&status=completed&per_page=100");
    expect(list.status).toBe(200);
    expect(list.json.total).toBe(completed.length);
    expect(new Set(list.json.data.map((c: { assistant_id: number | null }) => c.assistant_id)).size).toBeGreaterThan(1);
    // The other filters still apply, and a malformed assistant_id is still a 422.
    expect(list.json.data.every((c: { status: string }) => c.status === "completed")).toBe(true);
    expect((await api(sim, "/user/calls?assistant_id=abc")).status).toBe(422);

    await control("/reset", "POST");
    expect((await api(sim, "/user/calls?assistant_id=101&status=completed&per_page=5")).json.total).toBe(own.length);
    expect(simOptionsFromEnv({ SIM_IGNORE_ASSISTANT_FILTER: "1" }).faults).toEqual({ ignoreAssistantFilter: true });
  });
});

describe("control API", () => {
  it("reads, replaces and merges faults, and validates them", async () => {
    const initial = await control("/faults");
    expect(initial.json).toEqual({
      latencyMs: 0, jitterMs: 0, errorRate: 0, errorStatuses: [500, 502, 503], rateLimitPerMinute: 0,
      rateBurstPer10s: 0, malformedRate: 0, hangRate: 0, assistants404: false, documentedFieldsOnly: false, ignoreAssistantFilter: false,
      failNext: null,
    });
    await control("/faults", "PUT", { latencyMs: 5, errorRate: 0.1 });
    const patched = await control("/faults", "PATCH", { hangRate: 0.2 });
    expect(patched.json).toMatchObject({ latencyMs: 5, errorRate: 0.1, hangRate: 0.2 });
    const replaced = await control("/faults", "PUT", { jitterMs: 3 });
    expect(replaced.json).toMatchObject({ latencyMs: 0, errorRate: 0, hangRate: 0, jitterMs: 3 });
    for (const bad of [{ errorRate: 2 }, { latencyMs: -1 }, { nope: 1 }, { failNext: { count: 1, status: "boom" } }]) {
      const r = await control("/faults", "PUT", bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(typeof r.json.message).toBe("string");
    }
    expect((await http(`${sim.url}/__control/faults`, { method: "PUT", body: "{not json" })).status).toBe(400);
    expect(sim.getFaults().jitterMs).toBe(3);
  });

  it("records API requests: raw query, key hint (never the key), status, newest last", async () => {
    await control("/requests", "DELETE");
    await api(sim, "/user/calls?status=completed&phone_number=%2B90%20532&type=&x=1&x=2");
    await api(sim, "/user/calls?status=bogus");
    await api(sim, "/user/calls", null);
    await api(sim, "/user/calls/123", KEYS.beta, { method: "DELETE" });
    const list = (await control("/requests")).json;
    expect(list).toHaveLength(4);
    expect(list[0]).toMatchObject({
      kind: "api",
      method: "GET",
      path: "/api/user/calls",
      query: { status: "completed", phone_number: "+90 532", type: "", x: ["1", "2"] },
      keyHint: "lpha",
      status: 200,
    });
    expect(typeof list[0].durationMs).toBe("number");
    expect(Date.parse(list[0].at)).toBeGreaterThan(Date.now() - 60_000);
    expect(list.map((e: { status: number }) => e.status)).toEqual([200, 422, 401, 404]);
    expect(list[2].keyHint).toBeNull();
    expect(list[3]).toMatchObject({ method: "DELETE", path: "/api/user/calls/123", keyHint: "beta" });
    const text = JSON.stringify(list);
    for (const k of Object.values(KEYS)) expect(text).not.toContain(k);
    // Control requests are not recorded; limit returns the newest entries.
    expect((await control("/requests?limit=2")).json.map((e: { status: number }) => e.status)).toEqual([401, 404]);
    expect(sim.requests()).toHaveLength(4);
    await control("/requests", "DELETE");
    expect(sim.requests()).toHaveLength(0);
  });

  it("keeps per-path/status stats since reset", async () => {
    await api(sim, "/user/calls");
    await api(sim, "/user/calls");
    await api(sim, "/user/calls?status=x");
    await api(sim, `/user/calls/${account(sim, "alpha").calls[0].id}`);
    const stats = (await control("/stats")).json;
    expect(stats.total).toBe(4);
    expect(stats.byPath["/api/user/calls"]).toEqual({ "200": 2, "422": 1 });
    expect(stats.byPath["/api/user/calls/:id"]).toEqual({ "200": 1 });
    expect(stats.byStatus).toEqual({ "200": 3, "422": 1 });
    const reset = await control("/reset", "POST");
    expect(reset.status).toBe(200);
    expect((await control("/stats")).json.total).toBe(0);
  });

  it("reset turns faults off, clears the log and restores deleted and patched calls", async () => {
    const c = account(sim, "alpha").calls[3];
    await api(sim, `/user/calls/${c.id}`, KEYS.alpha, { method: "DELETE" });
    const other = account(sim, "alpha").calls[4];
    await control(`/calls/${other.id}`, "PATCH", { status: "failed" });
    sim.setFaults({ latencyMs: 50, errorRate: 0.5 });
    expect((await control("/reset", "POST")).status).toBe(200);
    expect(sim.getFaults()).toMatchObject({ latencyMs: 0, errorRate: 0 });
    expect(sim.requests()).toHaveLength(0);
    expect((await api(sim, `/user/calls/${c.id}`)).json).toEqual(c);
    expect((await api(sim, `/user/calls/${other.id}`)).json).toEqual(other);
  });

  it("PATCH /__control/calls/:id merges fields (status, recording_url) and keeps order", async () => {
    const alpha = account(sim, "alpha");
    const live = alpha.calls.find((c) => c.status === "ringing")!;
    const r = await control(`/calls/${live.id}`, "PATCH", { status: "in-progress", answered_by: "human", recording_url: "http://127.0.0.1:1/nowhere.wav" });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id: live.id, status: "in-progress", answered_by: "human", recording_url: "http://127.0.0.1:1/nowhere.wav", created_at: live.created_at });
    expect(r.json.updated_at).not.toBe(live.updated_at);
    expect(Object.keys(r.json)).toEqual(Object.keys(live));
    const listed = await api(sim, "/user/calls?status=in-progress&per_page=100");
    expect(listed.json.data.map((c: { id: number }) => c.id)).toContain(live.id);
    expect((await api(sim, "/user/calls?status=ringing&per_page=100")).json.data.map((c: { id: number }) => c.id)).not.toContain(live.id);

    // `recording_url: true` means "a recording this simulator serves".
    const done = await control(`/calls/${live.id}`, "PATCH", { status: "completed", duration: 42, recording_url: true });
    expect(done.json.recording_url).toBe(`${sim.url}/recordings/calls/${live.id}.wav`);
    expect((await fetch(done.json.recording_url)).status).toBe(200);

    expect((await control("/calls/1", "PATCH", { status: "failed" })).status).toBe(404);
    expect((await control(`/calls/${live.id}`, "PATCH", { created_at: "yesterday" })).status).toBe(400);
    expect((await control(`/calls/${live.id}`, "PATCH", { id: 5 })).status).toBe(400);
    expect((await control(`/calls/${live.id}`)).json).toMatchObject({ key: KEYS.alpha, call: { id: live.id } });
  });

  it("POST /__control/calls adds a live call to an account", async () => {
    const alpha = account(sim, "alpha");
    const maxId = Math.max(...sim.dataset.accounts.flatMap((a) => a.calls.map((c) => c.id)));
    const r = await control("/calls", "POST", { key: KEYS.alpha, status: "ringing", client_phone_number: "+905321112233", created_at: "2025-04-01 01:29:59" });
    expect(r.status).toBe(201);
    const call = r.json;
    expect(call.id).toBeGreaterThan(maxId);
    expect(call).toMatchObject({ status: "ringing", type: "outbound", client_phone_number: "+905321112233", created_at: "2025-04-01 01:29:59", campaign_id: null });
    expect(Object.keys(call).slice(0, 18)).toEqual(Object.keys(alpha.calls[0]).slice(0, 18));
    const first = await api(sim, "/user/calls?per_page=1");
    expect(first.json.data[0].id).toBe(call.id);
    expect(first.json.total).toBe(alpha.calls.length + 1);
    expect((await api(sim, `/user/calls/${call.id}`, KEYS.beta)).status).toBe(404);
    expect((await api(sim, "/user/calls?phone_number=05321112233")).json.data[0].id).toBe(call.id);
    // Defaults: created now, in the account's zone.
    const now = await control("/calls", "POST", { key: KEYS.gamma, type: "inbound", status: "in-progress" });
    expect(now.json.assistant_id).toBe(301);
    expect((await api(sim, "/user/calls?per_page=1", KEYS.gamma)).json.data[0].id).toBe(now.json.id);
    expect((await control("/calls", "POST", { status: "ringing" })).status).toBe(400);
    expect((await control("/calls", "POST", { key: "wt_nope" })).status).toBe(400);
  });
});

describe("options", () => {
  it("reads faults and settings from SIM_* environment variables", () => {
    const o = simOptionsFromEnv({
      SIM_PORT: "0",
      SIM_ANCHOR: "2025-01-01T00:00:00Z",
      SIM_LATENCY_MS: "20",
      SIM_JITTER_MS: "5",
      SIM_ERROR_RATE: "0.25",
      SIM_ERROR_STATUSES: "500, 503",
      SIM_RATE_LIMIT: "100",
      SIM_RATE_BURST: "20",
      SIM_MALFORMED_RATE: "0.1",
      SIM_HANG_RATE: "0.05",
      SIM_ASSISTANTS_404: "1",
      SIM_PUBLIC_URL: "http://sim.local:4010",
    });
    expect(o).toMatchObject({
      port: 0,
      anchor: "2025-01-01T00:00:00Z",
      publicUrl: "http://sim.local:4010",
      faults: { latencyMs: 20, jitterMs: 5, errorRate: 0.25, errorStatuses: [500, 503], rateLimitPerMinute: 100, rateBurstPer10s: 20, malformedRate: 0.1, hangRate: 0.05, assistants404: true },
    });
    expect(simOptionsFromEnv({}).port).toBe(4010);
    expect(simOptionsFromEnv({}).faults).toEqual({});
    expect(() => simOptionsFromEnv({ SIM_ERROR_RATE: "2" })).toThrow(/SIM_ERROR_RATE/);
    expect(() => simOptionsFromEnv({ SIM_PORT: "abc" })).toThrow(/SIM_PORT/);
    expect(() => simOptionsFromEnv({ SIM_ANCHOR: "not a date" })).toThrow(/SIM_ANCHOR/);
  });

  it("starts with faults and a public URL from options; close() ends hanging requests and keep-alive sockets promptly", async () => {
    const s = await startSim({ faults: { hangRate: 1 }, publicUrl: "http://recordings.sim.test" });
    const rec = s.dataset.accounts[0].calls.find((c) => c.recording_url)!;
    expect(rec.recording_url).toBe(`http://recordings.sim.test/recordings/calls/${rec.id}.wav`);
    // A keep-alive connection plus a hanging request.
    await fetch(`${s.url}/__control/faults`);
    const pending = fetch(`${s.apiUrl}/user/calls`, { headers: { Authorization: `Bearer ${KEYS.alpha}` } }).then(
      () => "answered",
      () => "failed",
    );
    await new Promise((r) => setTimeout(r, 100));
    const t0 = performance.now();
    await s.close();
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(await pending).toBe("failed");
    await s.close(); // idempotent
  });

  it("by default anchors to today and hides calls later than the real clock", async () => {
    const s = await startSim({ anchor: undefined });
    try {
      const alpha = s.dataset.accounts[0];
      const r = await http(`${s.apiUrl}/user/calls?per_page=100`, { key: KEYS.alpha });
      expect(r.status).toBe(200);
      const nowLocal = new Intl.DateTimeFormat("sv-SE", { timeZone: alpha.timeZone, dateStyle: "short", timeStyle: "medium" }).format(new Date()).replace("T", " ");
      for (const c of r.json.data) expect(c.created_at <= nowLocal || c.created_at.slice(0, 10) < nowLocal.slice(0, 10)).toBe(true);
      // The live calls sit in the last 30 minutes before the start.
      const live = r.json.data.filter((c: { status: string }) => ["initiated", "ringing"].includes(c.status));
      expect(live.length).toBeGreaterThan(0);
      expect(r.json.total).toBeLessThanOrEqual(alpha.calls.length);
      expect(Date.parse(s.dataset.anchor)).toBeGreaterThan(Date.now());
    } finally {
      await s.close();
    }
  });
});
