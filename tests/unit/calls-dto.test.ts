import { describe, expect, it } from "vitest";
import { isCostKey, toCallDetailDTO, toCallDTO, withoutCostKeys } from "@/lib/calls/dto";
import { CallSchema } from "@/lib/whattalk/schemas";

const call = CallSchema.parse({
  id: 10001,
  assistant_name: "Ayşe",
  status: "completed",
  carrier_cost: "0.0125",
  total_cost: 0.0734,
  variables: { customer_name: "Ayşe", order_total: 120, TotalCost: 1 },
  evaluation: { sentiment: "positive", score: 9, carrier_cost: 0.01 },
  webhook_response: { data: { call: { total_cost: 0.0734, "carrier-cost": 1, id: 10001 }, list: [{ totalCost: 2, keep: true }] } },
  created_at: "2026-11-30 10:00:00",
});

describe("call DTOs and costs", () => {
  it("recognises WhatTalk's cost field names however they are written, and nothing else", () => {
    for (const k of ["carrier_cost", "total_cost", "carrierCost", "totalCost", "Total-Cost", "CARRIER_COST", "total cost"]) expect(isCostKey(k), k).toBe(true);
    for (const k of ["cost", "order_total", "price", "total", "costs", "total_costs", "carrier"]) expect(isCostKey(k), k).toBe(false);
  });

  it("leaves costs out for roles without calls:costs, at any depth of the free-form objects", () => {
    const agent = toCallDetailDTO(call, { timeZone: "Europe/Istanbul", costs: false });
    expect(agent).not.toHaveProperty("totalCost");
    expect(agent).not.toHaveProperty("carrierCost");
    expect(agent.variables).toEqual({ customer_name: "Ayşe", order_total: 120 });
    expect(agent.evaluation).toEqual({ sentiment: "positive", outcome: null, score: 9 });
    expect(agent.webhookResponse).toEqual({ data: { call: { id: 10001 }, list: [{ keep: true }] } });
    expect(JSON.stringify(agent)).not.toMatch(/carrier.?cost|total.?cost/i);
    expect(toCallDTO(call, { timeZone: "Europe/Istanbul", costs: false })).not.toHaveProperty("totalCost");
  });

  it("keeps everything for roles with calls:costs", () => {
    const sup = toCallDetailDTO(call, { timeZone: "Europe/Istanbul", costs: true });
    expect(sup).toMatchObject({ totalCost: 0.0734, carrierCost: 0.0125 });
    expect(sup.variables).toEqual({ customer_name: "Ayşe", order_total: 120, TotalCost: 1 });
    expect(sup.webhookResponse).toEqual(call.webhook_response);
  });

  it("does not walk absurdly deep values (cut off at 32 levels) and leaves scalars alone", () => {
    let deep: unknown = { total_cost: 1 };
    for (let i = 0; i < 40; i++) deep = { a: deep };
    const out = JSON.stringify(withoutCostKeys(deep));
    expect(out).not.toContain("total_cost");
    expect(out.match(/"a"/g)).toHaveLength(32);
    expect(withoutCostKeys("x")).toBe("x");
    expect(withoutCostKeys(null)).toBeNull();
  });
});
