// Which keys of WhatTalk's free-form objects hold costs (carrier_cost, totalCost, "Total-Cost", ...),
// and a copy of a value without them: costs never reach roles without `calls:costs`, at any depth.

const COST_KEYS = new Set(["carriercost", "totalcost"]);
/** Deeper than this, a free-form value is cut off (null) for roles without costs, rather than walked further. */
const MAX_DEPTH = 32;

export function isCostKey(key: string): boolean {
  return COST_KEYS.has(key.toLowerCase().replace(/[-_\s]/g, ""));
}

/** A copy of a JSON value without cost-named keys at any depth (see the top of this file). */
export function withoutCostKeys(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return null;
  if (Array.isArray(value)) return value.map((v) => withoutCostKeys(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !isCostKey(k))
      .map(([k, v]) => [k, withoutCostKeys(v, depth + 1)]),
  );
}

