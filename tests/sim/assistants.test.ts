// GET /api/user/assistants/get (paginated) and /api/user/assistants/phone-numbers (plain array).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "@/tools/whattalk-sim/server";
import { KEYS, account, api, http, startSim, type HttpResult } from "./helpers";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(async () => {
  await sim?.close();
});

describe("assistants", () => {
  it("paginates the account's assistants, 10 per page by default", async () => {
    const alpha = account(sim, "alpha");
    const r = await api(sim, "/user/assistants/get");
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ current_page: 1, per_page: 10, total: alpha.assistants.length, last_page: 1, from: 1, to: alpha.assistants.length });
    expect(r.json.data).toEqual([...alpha.assistants].sort((a, b) => a.id - b.id));
    for (const a of r.json.data) {
      expect(a).toMatchObject({ id: expect.any(Number), name: expect.any(String), type: expect.stringMatching(/^(inbound|outbound)$/) });
      expect(a.created_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(a).toHaveProperty("language");
      expect(a).toHaveProperty("voice");
    }
    expect(r.json.path).toBe(`${sim.apiUrl}/user/assistants/get`);
  });

  it("follows next_page_url through all pages", async () => {
    const alpha = account(sim, "alpha");
    const seen: number[] = [];
    let url: string | null = `${sim.apiUrl}/user/assistants/get?per_page=2`;
    while (url) {
      const r: HttpResult = await http(url, { key: KEYS.alpha });
      expect(r.json.per_page).toBe(2);
      seen.push(...r.json.data.map((a: { id: number }) => a.id));
      url = r.json.next_page_url;
    }
    expect(seen).toEqual(alpha.assistants.map((a) => a.id).sort((a, b) => a - b));
    const past = await api(sim, "/user/assistants/get?per_page=2&page=99");
    expect(past.json).toMatchObject({ data: [], from: null, to: null, total: alpha.assistants.length });
  });

  it("shows each account only its own assistants", async () => {
    expect((await api(sim, "/user/assistants/get", KEYS.beta)).json.data.map((a: { id: number }) => a.id)).toEqual([201, 202, 203]);
    expect((await api(sim, "/user/assistants/get", KEYS.gamma)).json.data.map((a: { id: number }) => a.id)).toEqual([301]);
    expect((await api(sim, "/user/assistants/get", null)).status).toBe(401);
  });

  it("validates per_page and page", async () => {
    const r = await api(sim, "/user/assistants/get?per_page=101");
    expect(r.status).toBe(422);
    expect(r.json).toEqual({ message: "The per page field must be between 1 and 100.", errors: { per_page: ["The per page field must be between 1 and 100."] } });
    expect((await api(sim, "/user/assistants/get?page=0")).json.errors.page).toEqual(["The page field must be at least 1."]);
  });
});

describe("phone numbers", () => {
  it("returns a plain array, filterable by type", async () => {
    const alpha = account(sim, "alpha");
    const all = await api(sim, "/user/assistants/phone-numbers");
    expect(all.status).toBe(200);
    expect(Array.isArray(all.json)).toBe(true);
    expect(all.json).toEqual(alpha.phoneNumbers);
    for (const p of all.json) expect(Object.keys(p)).toEqual(["id", "phone_number", "assistant_id", "type"]);
    expect(all.json.some((p: { assistant_id: number | null }) => p.assistant_id === null)).toBe(true);
    const inbound = await api(sim, "/user/assistants/phone-numbers?type=inbound");
    expect(inbound.json.length).toBeGreaterThan(0);
    expect(inbound.json.every((p: { type: string }) => p.type === "inbound")).toBe(true);
    const outbound = await api(sim, "/user/assistants/phone-numbers?type=outbound");
    expect(inbound.json.length + outbound.json.length).toBe(all.json.length);
    const bad = await api(sim, "/user/assistants/phone-numbers?type=web");
    expect(bad.status).toBe(422);
    expect(bad.json).toEqual({ message: "The selected type is invalid.", errors: { type: ["The selected type is invalid."] } });
  });

  it("isolates accounts", async () => {
    const beta = await api(sim, "/user/assistants/phone-numbers", KEYS.beta);
    expect(beta.json.every((p: { assistant_id: number | null }) => p.assistant_id === null || (p.assistant_id >= 201 && p.assistant_id <= 203))).toBe(true);
  });
});
