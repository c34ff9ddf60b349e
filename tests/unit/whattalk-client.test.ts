// The WhatTalk client against the real simulator over HTTP: timeouts, retries, status mapping,
// cache, coalescing, team isolation, and that the API key never leaks.
import { inspect } from "node:util";
import { describe, expect, it, vi } from "vitest";
import { captureLogs, logger } from "@/lib/logger";
import { createWhatTalkClient, deleteCall, getCall, invalidateTeam, isWhatTalkError, listAssistants, listCalls, setUnauthorizedHandler, WhatTalkError } from "@/lib/whattalk";
import type { Simulator } from "@/tools/whattalk-sim/server";
import { KEYS, apiRequests, freshState, rejection, sleep, teamCtx, withSimulator } from "./whattalk-helpers";

let sim: Simulator;
withSimulator((s) => (sim = s));

function expectKind(error: unknown, kind: WhatTalkError["kind"]): WhatTalkError {
  expect(error).toBeInstanceOf(WhatTalkError);
  expect((error as WhatTalkError).kind).toBe(kind);
  return error as WhatTalkError;
}

describe("requests", () => {
  it("sends Bearer auth and Accept: application/json; returns typed data and meta", async () => {
    const ctx = teamCtx(sim);
    const res = await listCalls(ctx, { status: "completed", per_page: 5 });
    expect(res.data.data).toHaveLength(5);
    expect(res.data.data.every((c) => c.status === "completed")).toBe(true);
    expect(res.meta).toMatchObject({ cache: "miss", attempts: 1, ageSeconds: 0 });
    expect(Date.parse(res.meta.fetchedAt)).toBeLessThanOrEqual(Date.now());
    const [req] = apiRequests(sim);
    expect(req).toMatchObject({ method: "GET", path: "/api/user/calls", keyHint: "lpha", status: 200 });
    // Normalised query: defaults applied, sorted.
    expect(req.query).toEqual({ page: "1", per_page: "5", status: "completed" });
  });

  it("getCall, listAssistants and the bound client", async () => {
    const client = createWhatTalkClient(teamCtx(sim));
    const page = await client.listCalls({ status: "completed", per_page: 1 });
    const call = await client.getCall(page.data.data[0].id);
    expect(call.data.id).toBe(page.data.data[0].id);
    const assistants = await client.listAssistants({ per_page: 2 });
    expect(assistants.data.data.length).toBeGreaterThan(0);
    expect(typeof assistants.data.data[0].id).toBe("number");
  });

  it("refuses invalid queries before sending anything", async () => {
    const ctx = teamCtx(sim);
    const e1 = expectKind(await rejection(listCalls(ctx, { per_page: 500 })), "invalid_request");
    expect(e1.fields).toEqual(["per_page"]);
    const e2 = expectKind(await rejection(listCalls(ctx, { date_from: "2025-03-10", date_to: "2025-03-01" })), "invalid_request");
    expect(e2.fields).toEqual(["date_to"]);
    expectKind(await rejection(listCalls(ctx, { date_from: "2025-02-30" })), "invalid_request");
    expectKind(await rejection(listCalls(ctx, { status: "bogus" as never })), "invalid_request");
    expectKind(await rejection(getCall(ctx, "12; DROP")), "invalid_request");
    expect(apiRequests(sim)).toHaveLength(0);
  });
});

describe("failures", () => {
  it("a hanging upstream times out within WHATTALK_TIMEOUT_MS per attempt (+ retries)", async () => {
    freshState({ WHATTALK_TIMEOUT_MS: "300", WHATTALK_MAX_RETRIES: "1" });
    sim.setFaults({ failNext: { count: 2, status: "hang" } });
    const t0 = performance.now();
    const error = expectKind(await rejection(listCalls(teamCtx(sim))), "timeout");
    const elapsed = performance.now() - t0;
    expect(error.attempts).toBe(2);
    expect(elapsed).toBeGreaterThanOrEqual(600);
    expect(elapsed).toBeLessThan(600 + 250 + 400); // two timeouts + at most one backoff + slack
    expect(apiRequests(sim).map((r) => r.status)).toEqual([null, null]);
    expect(error.message).toMatch(/did not answer within 300 ms/);
  });

  it("timeout without retries: one attempt", async () => {
    freshState({ WHATTALK_TIMEOUT_MS: "200", WHATTALK_MAX_RETRIES: "0" });
    sim.setFaults({ hangRate: 1 });
    const t0 = performance.now();
    expectKind(await rejection(getCall(teamCtx(sim), 10_001)), "timeout");
    expect(performance.now() - t0).toBeLessThan(600);
    expect(apiRequests(sim)).toHaveLength(1);
  });

  it("a 429 with Retry-After is waited out, then retried", async () => {
    sim.setFaults({ failNext: { count: 1, status: 429 } }); // Retry-After: 1
    const t0 = performance.now();
    const res = await listCalls(teamCtx(sim), { status: "completed" });
    const elapsed = performance.now() - t0;
    expect(res.meta.attempts).toBe(2);
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    const [first, second] = apiRequests(sim);
    expect([first.status, second.status]).toEqual([429, 200]);
    expect(Date.parse(second.at) - Date.parse(first.at)).toBeGreaterThanOrEqual(1000);
  });

  it("a 429 asking for a long wait surfaces as rate_limited with retryAfterSeconds", async () => {
    sim.setFaults({ rateLimitPerMinute: 1 });
    const ctx = teamCtx(sim);
    await listCalls(ctx, { page: 1 });
    const t0 = performance.now();
    const error = expectKind(await rejection(listCalls(ctx, { page: 2 })), "rate_limited");
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(error.retryAfterSeconds).toBeGreaterThan(5);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(apiRequests(sim)).toHaveLength(2);
  });

  it("5xx is retried (WHATTALK_MAX_RETRIES) then surfaced as upstream_error", async () => {
    sim.setFaults({ errorRate: 1, errorStatuses: [503] });
    const error = expectKind(await rejection(listCalls(teamCtx(sim))), "upstream_error");
    expect(error.status).toBe(503);
    expect(error.attempts).toBe(3);
    expect(apiRequests(sim).map((r) => r.status)).toEqual([503, 503, 503]);
  });

  it("an nginx 502 page is upstream_error with a clean message; a transient 500 recovers", async () => {
    freshState({ WHATTALK_MAX_RETRIES: "0" });
    sim.setFaults({ failNext: { count: 1, status: 502 } });
    const error = expectKind(await rejection(listCalls(teamCtx(sim))), "upstream_error");
    expect(error.message).toBe("WhatTalk answered with an error (HTTP 502). Try again shortly.");
    freshState();
    sim.setFaults({ failNext: { count: 1, status: 500 } });
    const res = await listCalls(teamCtx(sim));
    expect(res.meta.attempts).toBe(2);
  });

  it("malformed JSON is invalid_response (not retried)", async () => {
    sim.setFaults({ failNext: { count: 1, status: "malformed" } });
    const error = expectKind(await rejection(listCalls(teamCtx(sim))), "invalid_response");
    expect(error.attempts).toBe(1);
    expect(apiRequests(sim)).toHaveLength(1);
  });

  it("the retry budget stops a failing upstream from being hammered", async () => {
    sim.setFaults({ errorRate: 1, errorStatuses: [500] });
    const ctx = teamCtx(sim);
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => listCalls(ctx, { page: i + 1 })));
    expect(results.every((r) => r.status === "rejected" && isWhatTalkError(r.reason, "upstream_error"))).toBe(true);
    // 20 first attempts; retries at most 10 (floor) + 10% of 20, not 2 × 20.
    const seen = apiRequests(sim).length;
    expect(seen).toBeGreaterThan(20);
    expect(seen).toBeLessThanOrEqual(32);
  });

  it("connection refused is unreachable", async () => {
    const ctx = { ...teamCtx(sim), baseUrl: "http://127.0.0.1:1/api" };
    freshState({ WHATTALK_MAX_RETRIES: "0" });
    expectKind(await rejection(listCalls(ctx)), "unreachable");
  });

  it("404 is not_found: unknown call, another account's call, missing assistants endpoint", async () => {
    const alpha = teamCtx(sim, KEYS.alpha);
    const beta = teamCtx(sim, KEYS.beta);
    const betaCall = (await listCalls(beta, { status: "completed", per_page: 1 })).data.data[0].id;
    expectKind(await rejection(getCall(alpha, 999_999_999)), "not_found");
    expectKind(await rejection(getCall(alpha, betaCall)), "not_found");
    sim.setFaults({ assistants404: true });
    const error = expectKind(await rejection(listAssistants(alpha)), "not_found");
    expect(error.message).toBe("WhatTalk has no such assistant list.");
    // 404s are not retried.
    expect(apiRequests(sim).filter((r) => r.status === 404)).toHaveLength(3);
  });

  it("401 is unauthorized; the handlers are called once, even for 50 concurrent calls", async () => {
    const global = vi.fn();
    const local = vi.fn();
    setUnauthorizedHandler(global);
    const ctx = teamCtx(sim, "wt_revoked_key_123", { onUnauthorized: local });
    const error = expectKind(await rejection(listCalls(ctx)), "unauthorized");
    expect(error.status).toBe(401);
    expect(error.attempts).toBe(1);
    expect(global).toHaveBeenCalledTimes(1);
    expect(global).toHaveBeenCalledWith({ teamId: ctx.teamId, credentialId: ctx.credentialId, status: 401 });
    expect(local).toHaveBeenCalledTimes(1);

    const other = teamCtx(sim, "wt_revoked_key_456");
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => getCall(other, 10_001)));
    expect(results.every((r) => r.status === "rejected" && isWhatTalkError(r.reason, "unauthorized"))).toBe(true);
    expect(global).toHaveBeenCalledTimes(2);
    expect(apiRequests(sim)).toHaveLength(2); // not retried; the 50 were coalesced
  });

  it("a caller's abort rejects its own wait with the abort reason", async () => {
    sim.setFaults({ latencyMs: 500 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await rejection(listCalls(teamCtx(sim), {}, { signal: controller.signal }));
    expect((error as Error).name).toBe("AbortError");
    // The shared upstream request carries on (other callers may be waiting on it); let it finish
    // so it does not consume the next test's faults.
    await sleep(600);
    expect(apiRequests(sim).map((r) => r.status)).toEqual([200]);
  });
});

describe("cache and coalescing", () => {
  it("50 identical concurrent requests reach WhatTalk once", async () => {
    sim.setFaults({ latencyMs: 50 });
    const ctx = teamCtx(sim);
    const results = await Promise.all(Array.from({ length: 50 }, () => listCalls(ctx, { status: "completed", per_page: 10 })));
    expect(apiRequests(sim)).toHaveLength(1);
    const caches = results.map((r) => r.meta.cache).sort();
    expect(caches.filter((c) => c === "miss")).toHaveLength(1);
    expect(caches.filter((c) => c === "coalesced")).toHaveLength(49);
    expect(new Set(results.map((r) => r.data)).size).toBe(1);
    // Afterwards: a fresh cache hit, still one upstream request; equivalent queries share the entry.
    const again = await listCalls(ctx, { per_page: "10", status: "completed", page: 1, phone_number: "" });
    expect(again.meta).toMatchObject({ cache: "hit", attempts: 0 });
    expect(apiRequests(sim)).toHaveLength(1);
    // Cached data is shared and read-only.
    expect(Object.isFrozen(again.data.data)).toBe(true);
  });

  it("two teams with identical queries never see each other's data", async () => {
    const alpha = teamCtx(sim, KEYS.alpha);
    const beta = teamCtx(sim, KEYS.beta);
    const q = { status: "completed" as const, per_page: 20 };
    const [a1, b1] = await Promise.all([listCalls(alpha, q), listCalls(beta, q)]);
    const [a2, b2] = await Promise.all([listCalls(alpha, q), listCalls(beta, q)]);
    expect([a1.meta.cache, b1.meta.cache, a2.meta.cache, b2.meta.cache]).toEqual(["miss", "miss", "hit", "hit"]);
    const alphaIds = new Set(sim.calls(KEYS.alpha).map((c) => c.id));
    const betaIds = new Set(sim.calls(KEYS.beta).map((c) => c.id));
    for (const r of [a1, a2]) expect(r.data.data.every((c) => alphaIds.has(c.id))).toBe(true);
    for (const r of [b1, b2]) expect(r.data.data.every((c) => betaIds.has(c.id))).toBe(true);
    expect(apiRequests(sim).map((r) => r.keyHint).sort()).toEqual(["beta", "lpha"]);

    // Same team id, replaced credential (new id, another account): never the old answers.
    const replaced = { ...alpha, credentialId: "cred_replaced", apiKey: KEYS.beta };
    const r = await listCalls(replaced, q);
    expect(r.meta.cache).toBe("miss");
    expect(r.data.data.every((c) => betaIds.has(c.id))).toBe(true);
  });

  it("calls in progress are never cached (lists and details)", async () => {
    const ctx = teamCtx(sim);
    const live1 = await listCalls(ctx, { status: "in-progress" });
    expect(live1.data.data.length).toBeGreaterThan(0);
    const live2 = await listCalls(ctx, { status: "in-progress" });
    expect([live1.meta.cache, live2.meta.cache]).toEqual(["miss", "miss"]);
    // The default first page holds ringing/initiated calls too.
    await listCalls(ctx);
    expect((await listCalls(ctx)).meta.cache).toBe("miss");
    const liveId = live1.data.data[0].id;
    await getCall(ctx, liveId);
    expect((await getCall(ctx, liveId)).meta.cache).toBe("miss");
    // Finished ones are.
    const done = (await listCalls(ctx, { status: "completed", per_page: 1 })).data.data[0].id;
    await getCall(ctx, done);
    expect((await getCall(ctx, done)).meta.cache).toBe("hit");
    expect((await listCalls(ctx, { status: "completed", per_page: 1 })).meta.cache).toBe("hit");
    expect(apiRequests(sim)).toHaveLength(8);
  });

  it("cache: false refreshes; entries expire after WHATTALK_CACHE_TTL_MS; 0 turns the cache off", async () => {
    freshState({ WHATTALK_CACHE_TTL_MS: "200" });
    const ctx = teamCtx(sim);
    const q = { status: "completed" as const };
    expect((await listCalls(ctx, q)).meta.cache).toBe("miss");
    expect((await listCalls(ctx, q)).meta.cache).toBe("hit");
    expect((await listCalls(ctx, q, { cache: false })).meta.cache).toBe("miss");
    await sleep(250);
    expect((await listCalls(ctx, q)).meta.cache).toBe("miss");
    expect(apiRequests(sim)).toHaveLength(3);

    freshState({ WHATTALK_CACHE_TTL_MS: "0" });
    sim.clearRequests();
    await listCalls(ctx, q);
    expect((await listCalls(ctx, q)).meta.cache).toBe("miss");
    expect(apiRequests(sim)).toHaveLength(2);
  });

  it("deleteCall is sent once (never retried), never cached, and invalidates the team's cache", async () => {
    const ctx = teamCtx(sim);
    const other = teamCtx(sim, KEYS.beta);
    const q = { status: "completed" as const, per_page: 5 };
    const before = await listCalls(ctx, q);
    await listCalls(other, q);
    const victim = before.data.data[0].id;
    await getCall(ctx, victim);
    await deleteCall(ctx, victim);
    expect(apiRequests(sim).filter((r) => r.method === "DELETE")).toHaveLength(1);
    const after = await listCalls(ctx, q);
    expect(after.meta.cache).toBe("miss");
    expect(after.data.data.map((c) => c.id)).not.toContain(victim);
    expectKind(await rejection(getCall(ctx, victim)), "not_found");
    // Other teams keep their cache.
    expect((await listCalls(other, q)).meta.cache).toBe("hit");

    sim.setFaults({ failNext: { count: 1, status: 503 } });
    const error = expectKind(await rejection(deleteCall(ctx, after.data.data[0].id)), "upstream_error");
    expect(error.attempts).toBe(1);
    expect(apiRequests(sim).filter((r) => r.method === "DELETE")).toHaveLength(2);

    await invalidateTeam(ctx);
    expect((await listCalls(ctx, q)).meta.cache).toBe("miss");
  });

  it("the API key is only resolved when WhatTalk is actually asked", async () => {
    const resolve = vi.fn(() => KEYS.alpha);
    const ctx = teamCtx(sim, KEYS.alpha, { apiKey: resolve });
    await listCalls(ctx, { status: "completed" });
    await listCalls(ctx, { status: "completed" });
    await Promise.all([getCall(ctx, 10_001), getCall(ctx, 10_001)]);
    expect(resolve).toHaveBeenCalledTimes(2);
  });
});

describe("logs and errors never contain the API key", () => {
  it("one structured line per call with team, method, path, status, durationMs, attempts, cache", async () => {
    const capture = captureLogs();
    try {
      const ctx = teamCtx(sim);
      await listCalls(ctx, { status: "completed" });
      await listCalls(ctx, { status: "completed" });
      const lines = capture.records().filter((r) => r.module === "whattalk");
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatchObject({ teamId: ctx.teamId, method: "GET", path: "/user/calls", status: 200, attempts: 1, cache: "miss", level: "info" });
      expect(typeof lines[0].durationMs).toBe("number");
      expect(lines[1]).toMatchObject({ cache: "hit", attempts: 0 });
    } finally {
      capture.stop();
    }
  });

  it("canary keys appear in no log line, error message, or serialised error", async () => {
    const canary = "wt_canary_7f3a9c1e5b_do_not_log";
    const capture = captureLogs({ level: "trace" });
    const errors: unknown[] = [];
    const keep = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (e) {
        errors.push(e);
      }
    };
    try {
      freshState({ WHATTALK_TIMEOUT_MS: "200", WHATTALK_MAX_RETRIES: "1" });
      const bad = teamCtx(sim, canary);
      const good = teamCtx(sim, KEYS.alpha);
      await keep(listCalls(bad, { status: "completed" }));
      await keep(getCall(bad, 10_001));
      await keep(deleteCall(bad, 10_001));
      await keep(listCalls(teamCtx(sim, `${canary}\r\nX-Injected: 1`)));
      await keep(listCalls(good, { status: "completed" }));
      await keep(listCalls(good, { status: "completed" }));
      sim.setFaults({ failNext: { count: 2, status: "hang" } });
      await keep(listCalls(good));
      sim.setFaults({ failNext: { count: 1, status: "malformed" } });
      await keep(getCall(good, 10_002));
      sim.setFaults({ errorRate: 1, errorStatuses: [500, 502] });
      await keep(listCalls(good, { page: 3 }));
      sim.setFaults({});
      await keep(listCalls({ ...good, baseUrl: "http://127.0.0.1:1/api" }));
      // Someone logging a whole context or headers by mistake: redacted.
      logger.info({ ctx: bad, headers: { authorization: `Bearer ${canary}` }, apiKey: canary }, "careless");
      logger.warn({ request: { headers: { authorization: `Bearer ${canary}` } } }, "careless nested");

      expect(errors.length).toBeGreaterThanOrEqual(8);
      expect(capture.lines.length).toBeGreaterThan(10);
      for (const secret of [canary, KEYS.alpha, "Bearer"]) {
        for (const line of capture.lines) expect(line).not.toContain(secret);
        for (const e of errors) {
          expect(e).toBeInstanceOf(WhatTalkError);
          for (const text of [(e as Error).message, String(e), JSON.stringify(e), (e as Error).stack ?? "", inspect(e, { depth: 5 })]) {
            expect(text).not.toContain(secret);
          }
        }
      }
      expect(capture.lines.some((l) => l.includes("[redacted]"))).toBe(true);
      const kinds = errors.map((e) => (e as WhatTalkError).kind);
      expect(kinds).toEqual(expect.arrayContaining(["unauthorized", "timeout", "invalid_response", "upstream_error", "unreachable"]));
      // Serialised errors are small, user-safe objects.
      expect(JSON.parse(JSON.stringify(errors[0]))).toEqual({ name: "WhatTalkError", kind: "unauthorized", message: expect.any(String), status: 401, attempts: 1 });
    } finally {
      capture.stop();
    }
  });
});
