// Schema tolerance: nulls everywhere, extra fields, PHP's [] for objects, numeric strings where
// Laravel's casts produce them; strict about ids, counters and duration.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AssistantPageSchema, CallPageSchema, CallSchema, getCall, isLiveCall, isWhatTalkError, listCalls } from "@/lib/whattalk";
import type { Simulator } from "@/tools/whattalk-sim/server";
import { KEYS, apiRequests, patchSimCall, rejection, teamCtx, withSimulator } from "./whattalk-helpers";

const example = JSON.parse(readFileSync("/work/shared/whattalk/list-calls.example.json", "utf8"));

describe("schemas (pure)", () => {
  it("parses the documented example response", () => {
    const page = CallPageSchema.parse(example);
    expect(page.total).toBe(150);
    expect(page.links[0]).toEqual({ url: null, label: "« Previous", active: false });
    const call = page.data[0];
    expect(call.id).toBe(123);
    expect(call.evaluation).toEqual({ sentiment: "positive", outcome: "qualified_lead", score: 8.5 });
    expect(call.variables?.customer_name).toBe("John Smith");
    expect(call.assistant_id).toBeNull(); // not in the document: missing reads as null
  });

  it("accepts null (or missing) on every field but id", () => {
    const nulls = Object.fromEntries(Object.keys(example.data[0]).map((k) => [k, null]));
    const call = CallSchema.parse({ ...nulls, id: 7 });
    for (const [k, v] of Object.entries(call)) if (k !== "id") expect(v, k).toBeNull();
    expect(CallSchema.parse({ id: 8 }).status).toBeNull();
    expect(CallSchema.safeParse({ ...nulls, id: null }).success).toBe(false);
  });

  it("keeps extra fields, reads PHP's [] as {} and lists as index-keyed objects", () => {
    const call = CallSchema.parse({
      id: 9,
      variables: [],
      evaluation: [],
      webhook_response: ["a", "b"],
      brand_new_field: { nested: true },
    });
    expect(call.variables).toEqual({});
    expect(call.evaluation).toEqual({ sentiment: null, outcome: null, score: null });
    expect(call.webhook_response).toEqual({ 0: "a", 1: "b" });
    expect(call.brand_new_field).toEqual({ nested: true });
  });

  it("evaluation: score number or numeric string; anything else null; other keys kept", () => {
    const score = (s: unknown) => CallSchema.parse({ id: 1, evaluation: { score: s } }).evaluation?.score;
    expect(score(7)).toBe(7);
    expect(score("8.5")).toBe(8.5);
    expect(score(" 6 ")).toBe(6);
    expect(score("high")).toBeNull();
    expect(score(null)).toBeNull();
    expect(score({})).toBeNull();
    const ev = CallSchema.parse({ id: 1, evaluation: { sentiment: 3, outcome: "resolved", summary: "ok", tags: [] } }).evaluation;
    expect(ev).toEqual({ sentiment: null, outcome: "resolved", score: null, summary: "ok", tags: [] });
  });

  it("costs accept numeric strings (Laravel decimal casts); ids, counters and duration do not", () => {
    const call = CallSchema.parse({ id: 1, carrier_cost: "0.0250", total_cost: 0.03, duration: 245.5 });
    expect(call.carrier_cost).toBe(0.025);
    expect(CallSchema.safeParse({ id: 1, carrier_cost: "free" }).success).toBe(false);
    expect(CallSchema.safeParse({ id: "123" }).success).toBe(false);
    expect(CallSchema.safeParse({ id: 1.5 }).success).toBe(false);
    expect(CallSchema.safeParse({ id: 1, duration: "245" }).success).toBe(false);
    expect(CallSchema.safeParse({ id: 1, assistant_id: "4" }).success).toBe(false);
    expect(CallSchema.safeParse({ id: 1, transcript: 42 }).success).toBe(false);
    expect(CallSchema.safeParse({ id: 1, variables: "x" }).success).toBe(false);
    expect(CallPageSchema.safeParse({ ...example, total: "150" }).success).toBe(false);
  });

  it("unknown status and type values are kept (typed as string)", () => {
    const call = CallSchema.parse({ id: 1, status: "voicemail-detected", type: "sip" });
    expect(call.status).toBe("voicemail-detected");
    expect(isLiveCall(call)).toBe(false);
    expect(isLiveCall(CallSchema.parse({ id: 1, status: "ringing" }))).toBe(true);
  });

  it("an empty page (from/to null) and an assistants page parse", () => {
    const empty = { ...example, data: [], from: null, to: null, total: 0, links: [] };
    expect(CallPageSchema.parse(empty).data).toEqual([]);
    const assistants = AssistantPageSchema.parse({ ...empty, data: [{ id: 3, name: null, voice: "x" }], from: 1, to: 1, total: 1 });
    expect(assistants.data[0]).toEqual({ id: 3, name: null, voice: "x" });
  });
});

describe("schemas against the simulator", () => {
  let sim: Simulator;
  withSimulator((s) => (sim = s));

  it("every call of every demo account parses (the client reads them all)", async () => {
    for (const key of Object.values(KEYS)) {
      const ctx = teamCtx(sim, key);
      const first = await listCalls(ctx, { per_page: 100 });
      let pages = 1;
      for (let page = 2; page <= first.data.last_page; page++) {
        const res = await listCalls(ctx, { per_page: 100, page });
        expect(res.data.data.length).toBeGreaterThan(0);
        pages++;
      }
      expect(pages).toBe(first.data.last_page);
    }
  });

  it("a call with PHP-ish fields read end to end; a string duration is invalid_response", async () => {
    const ctx = teamCtx(sim);
    const id = (await listCalls(ctx, { status: "completed", per_page: 1 })).data.data[0].id;
    await patchSimCall(sim, id, {
      variables: [],
      evaluation: { score: "7.5", sentiment: "neutral", reviewer: "bot" },
      webhook_response: [],
      carrier_cost: "0.0250",
      campaign_name: null,
      recording_url: null,
      surprise: [1, 2, 3],
    });
    const call = (await getCall(ctx, id)).data;
    expect(call.variables).toEqual({});
    expect(call.webhook_response).toEqual({});
    expect(call.evaluation).toMatchObject({ score: 7.5, sentiment: "neutral", outcome: null, reviewer: "bot" });
    expect(call.carrier_cost).toBe(0.025);
    expect(call.surprise).toEqual([1, 2, 3]);

    await patchSimCall(sim, id, { duration: "245" });
    const error = await rejection(getCall(teamCtx(sim), id));
    expect(isWhatTalkError(error, "invalid_response")).toBe(true);
    // Not retried: a schema mismatch will not go away.
    expect(apiRequests(sim).filter((r) => r.path === `/api/user/calls/${id}`)).toHaveLength(2);
  });
});
