// /api/health answers from a report cached for 5 s: a burst of probes, concurrent or one after
// another, makes WhatTalk (the simulator) see one health request; after 5 s it is checked again.
import { describe, expect, it } from "vitest";
import { appLog, appUrl, simRequests } from "./helpers";

type Health = { status: string; checkedAt: string; checks: Record<string, { status: string }> };

async function probe(): Promise<Health> {
  const res = await fetch(`${appUrl()}/api/health`);
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toContain("no-store");
  return (await res.json()) as Health;
}

/** The health checks' own requests: unauthenticated, one call per page. */
const healthRequests = async () => (await simRequests()).filter((r) => r.path === "/api/user/calls" && r.keyHint === null && r.query.per_page === "1").length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("/api/health", () => {
  it("checks at most once per 5 s, however many probes arrive", async () => {
    // Start from an expired report (an earlier test file may have probed).
    const earlier = await probe();
    await sleep(Math.max(0, Date.parse(earlier.checkedAt) + 5_100 - Date.now()));

    const before = await healthRequests();
    const burst = await Promise.all(Array.from({ length: 30 }, probe));
    const checkedAt = burst[0].checkedAt;
    expect(burst.every((b) => b.checkedAt === checkedAt && b.status === "ok" && b.checks.whattalk.status === "ok")).toBe(true);
    for (let i = 0; i < 10; i++) expect((await probe()).checkedAt).toBe(checkedAt);
    expect(await healthRequests()).toBe(before + 1);

    await sleep(Math.max(0, Date.parse(checkedAt) + 5_100 - Date.now()));
    const later = await Promise.all(Array.from({ length: 10 }, probe));
    expect(new Set(later.map((b) => b.checkedAt)).size).toBe(1);
    expect(later[0].checkedAt).not.toBe(checkedAt);
    expect(await healthRequests()).toBe(before + 2);
  });
});

describe("audit retention", () => {
  it("the server purged deleted teams' audit rows past the retention at start-up", () => {
    const line = appLog()
      .split("\n")
      .find((l) => l.includes('"audit rows of deleted teams purged"'));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ module: "audit", level: "info", retentionDays: 365, purged: expect.any(Number) });
  });
});
