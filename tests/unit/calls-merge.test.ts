import { describe, expect, it } from "vitest";
import { CHUNK, compareNewestFirst, FanoutLimitError, mergePage } from "@/lib/calls/merge";
import { generateDataset } from "@/tools/whattalk-sim/data";

type Row = { id: number; created_at: string | null };

function fetcherOver(streams: Row[][]) {
  const calls: [number, number][] = [];
  const fetch = async (s: number, i: number) => {
    calls.push([s, i]);
    return { items: streams[s].slice(i * CHUNK, (i + 1) * CHUNK), total: streams[s].length };
  };
  return { fetch, calls };
}

function bruteForce(streams: Row[][], offset: number, limit: number) {
  return streams.flat().sort(compareNewestFirst).slice(offset, offset + limit);
}

describe("merging assigned assistants' call lists", () => {
  const dataset = generateDataset({ anchor: "2026-11-24T21:00:00Z" });
  const alpha = dataset.accounts.find((a) => a.key === "wt_demo_alpha")!;
  const byAssistant = (ids: number[]) => ids.map((id) => alpha.calls.filter((c) => c.assistant_id === id).sort(compareNewestFirst) as Row[]);

  it.each([
    [[101, 102], 25, 1],
    [[101, 102], 25, 10],
    [[101, 102, 103, 104, 105], 25, 50],
    [[101, 102, 103, 104, 105], 100, 3],
    [[101, 103, 105], 7, 123],
    [[102, 104], 50, 1000], // past the end
  ])("assistants %j, %i per page, page %i equals a brute-force merge", async (ids, perPage, page) => {
    const streams = byAssistant(ids);
    const { fetch } = fetcherOver(streams);
    const result = await mergePage(streams.length, (page - 1) * perPage, perPage, fetch);
    expect(result.total).toBe(streams.reduce((a, s) => a + s.length, 0));
    expect(result.items.map((c) => c.id)).toEqual(bruteForce(streams, (page - 1) * perPage, perPage).map((c) => c.id));
  });

  it("orders same-second calls by id and handles empty and null-dated streams", async () => {
    const streams: Row[][] = [
      [
        { id: 9, created_at: "2026-11-24 10:00:00" },
        { id: 3, created_at: "2026-11-24 10:00:00" },
        { id: 1, created_at: null },
      ],
      [],
      [
        { id: 7, created_at: "2026-11-24 10:00:00" },
        { id: 5, created_at: "2026-11-23 09:00:00" },
      ],
    ];
    const { fetch } = fetcherOver(streams);
    const all = await mergePage(3, 0, 10, fetch);
    expect(all.items.map((c) => c.id)).toEqual([9, 7, 3, 5, 1]);
    expect(all.total).toBe(5);
  });

  it("fetches each chunk at most once and not much more than the page needs", async () => {
    const streams = byAssistant([101, 102, 103, 104, 105]);
    const { fetch, calls } = fetcherOver(streams);
    const perPage = 25;
    await mergePage(streams.length, 49 * perPage, perPage, fetch);
    const unique = new Set(calls.map(([s, i]) => `${s}:${i}`));
    expect(unique.size).toBe(calls.length);
    // The merged prefix is 1,250 calls = 12.5 chunks of 100; one first chunk per stream is unavoidable.
    expect(calls.length).toBeLessThanOrEqual(Math.ceil((50 * perPage) / CHUNK) + streams.length * 2);
  });

  it("never fetches more than maxRequests chunks: refuses before fetching when the streams or the estimate exceed it", async () => {
    const streams = byAssistant([101, 102, 103, 104, 105]);
    // More streams than the bound: nothing is fetched.
    const none = fetcherOver(streams);
    await expect(mergePage(streams.length, 0, 25, none.fetch, 4)).rejects.toBeInstanceOf(FanoutLimitError);
    expect(none.calls).toHaveLength(0);
    // Page 100 of 25 needs 2,500 merged calls (25+ chunks): refused after the first chunk of each stream.
    const deep = fetcherOver(streams);
    await expect(mergePage(streams.length, 99 * 25, 25, deep.fetch, 20)).rejects.toThrow("merging this page needs more than 20 requests");
    expect(deep.calls).toHaveLength(streams.length);
    // Within the bound the page is exact, in at most 20 requests.
    const ok = fetcherOver(streams);
    const page = await mergePage(streams.length, 20 * 25, 25, ok.fetch, 20);
    expect(page.items.map((c) => c.id)).toEqual(bruteForce(streams, 20 * 25, 25).map((c) => c.id));
    expect(ok.calls.length).toBeLessThanOrEqual(20);
  });

  it.each([5, 8, 12, 20, 40])("with at most %i requests, every page is either exact within the bound or refused without exceeding it", async (max) => {
    const streams = byAssistant([101, 102, 103]);
    for (const page of [1, 5, 10, 20, 40, 60, 80]) {
      const { fetch, calls } = fetcherOver(streams);
      const result = await mergePage(streams.length, (page - 1) * 50, 50, fetch, max).catch((e: unknown) => e);
      expect(calls.length).toBeLessThanOrEqual(max);
      if (result instanceof FanoutLimitError) continue;
      expect((result as { items: Row[] }).items.map((c) => c.id)).toEqual(bruteForce(streams, (page - 1) * 50, 50).map((c) => c.id));
    }
  });
});
