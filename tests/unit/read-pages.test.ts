import { describe, expect, it } from "vitest";
import { openPageReader, RecentIds, type PageBatch, type PageResult } from "@/lib/bulk/read-pages";

type Item = { id: number };
const PER_PAGE = 10;

/** A newest-first list of `n` items (ids n..1) served in pages, whose content can change. */
function list(n: number) {
  const items: Item[] = Array.from({ length: n }, (_, i) => ({ id: n - i }));
  let nextId = n + 1;
  return {
    items,
    /** New items arrive at the top (newest). */
    arrive(k: number) {
      const fresh = Array.from({ length: k }, () => ({ id: nextId++ })).reverse();
      items.unshift(...fresh);
    },
    page(p: number): PageResult<Item> {
      return { items: items.slice((p - 1) * PER_PAGE, p * PER_PAGE), total: items.length, lastPage: Math.max(1, Math.ceil(items.length / PER_PAGE)) };
    },
  };
}

async function collect<T>(gen: AsyncGenerator<{ items: T[] }>): Promise<T[]> {
  const out: T[] = [];
  for await (const b of gen) out.push(...b.items);
  return out;
}

const noRetry = () => null;
const tick = () => new Promise((r) => setTimeout(r, 0));

describe("reading every page", () => {
  it("hands out every item once, in page order, with at most `concurrency` requests in flight", async () => {
    const l = list(95);
    let inflight = 0;
    let maxInflight = 0;
    const requested: number[] = [];
    const reader = await openPageReader<Item>({
      concurrency: 3,
      retryDelayMs: noRetry,
      fetchPage: async (p) => {
        requested.push(p);
        inflight++;
        maxInflight = Math.max(maxInflight, inflight);
        await new Promise((r) => setTimeout(r, (p * 7) % 5)); // out-of-order completion
        inflight--;
        return l.page(p);
      },
    });
    expect(reader.first.total).toBe(95);
    const ids = (await collect(reader.pages)).map((i) => i.id);
    expect(ids).toEqual(l.items.map((i) => i.id));
    expect(maxInflight).toBeLessThanOrEqual(3);
    expect(requested.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("does not fetch far ahead of a consumer that stops reading (backpressure)", async () => {
    const l = list(500);
    const requested: number[] = [];
    const reader = await openPageReader<Item>({ concurrency: 4, lookahead: 6, retryDelayMs: noRetry, fetchPage: async (p) => (requested.push(p), l.page(p)) });
    await reader.pages.next(); // page 1
    await reader.pages.next(); // page 2
    for (let i = 0; i < 20; i++) await tick();
    expect(Math.max(...requested)).toBe(2 + 6);
    await reader.pages.return();
  });

  it("keeps the other requests busy while one page is slow, up to the lookahead", async () => {
    const l = list(200);
    const requested: number[] = [];
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const reader = await openPageReader<Item>({
      concurrency: 2,
      lookahead: 4,
      retryDelayMs: noRetry,
      fetchPage: async (p) => {
        requested.push(p);
        if (p === 2) await slow;
        return l.page(p);
      },
    });
    await reader.pages.next(); // page 1
    const second = reader.pages.next();
    for (let i = 0; i < 20; i++) await tick();
    expect(requested).toEqual([1, 2, 3, 4, 5]); // page 2 pending, 3–5 done, nothing past 1 + 4
    release();
    expect((await second).value?.page).toBe(2);
    await reader.pages.return();
  });

  it("reads a single page and an empty list", async () => {
    const one = await openPageReader<Item>({ concurrency: 4, retryDelayMs: noRetry, fetchPage: async (p) => list(7).page(p) });
    expect((await collect(one.pages)).length).toBe(7);
    const none = await openPageReader<Item>({ concurrency: 4, retryDelayMs: noRetry, fetchPage: async (p) => list(0).page(p) });
    expect(none.first.total).toBe(0);
    expect(await collect(none.pages)).toEqual([]);
  });

  it("keeps every original item exactly once when new items arrive mid-read (pages shift)", async () => {
    const l = list(100);
    const original = l.items.map((i) => i.id);
    let calls = 0;
    const reader = await openPageReader<Item>({
      concurrency: 2,
      retryDelayMs: noRetry,
      fetchPage: async (p) => {
        calls++;
        if (calls === 4) l.arrive(13); // between pages
        if (calls === 8) l.arrive(25); // more than two pages' worth
        return l.page(p);
      },
    });
    const ids = (await collect(reader.pages)).map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    const originalSet = new Set(original);
    // Every original item, in the original order (new ones may not appear: they are newer than page 1).
    expect(ids.filter((id) => originalSet.has(id))).toEqual(original);
  });

  it("re-reads a page served before arrivals the previous page saw (it may have missed items)", async () => {
    const l = list(40);
    const original = l.items.map((i) => i.id);
    // Pages 2 and 3 are requested together; page 3 is answered first, then 5 items arrive, then page 2.
    let release2!: () => void;
    const gate2 = new Promise<void>((r) => (release2 = r));
    let page3Served = 0;
    const reader = await openPageReader<Item>({
      concurrency: 2,
      retryDelayMs: noRetry,
      fetchPage: async (p) => {
        if (p === 2) {
          await gate2;
          return l.page(2);
        }
        if (p === 3) {
          page3Served++;
          const r = l.page(3);
          if (page3Served === 1) {
            setTimeout(() => {
              l.arrive(5);
              release2();
            }, 5);
          }
          return r;
        }
        return l.page(p);
      },
    });
    const ids = (await collect(reader.pages)).map((i) => i.id);
    expect(page3Served).toBe(2);
    const originalSet = new Set(original);
    expect(ids.filter((id) => originalSet.has(id))).toEqual(original);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("waits out budget errors (as told) and carries on", async () => {
    const l = list(45);
    const waits: number[] = [];
    const slept: number[] = [];
    let failures = 2;
    const budget = new Error("budget");
    const reader = await openPageReader<Item>({
      concurrency: 2,
      retryDelayMs: (e) => (e === budget ? 1500 : null),
      onWait: (w) => waits.push(w.page),
      sleep: async (ms) => void slept.push(ms),
      fetchPage: async (p) => {
        if (p === 3 && failures-- > 0) throw budget;
        return l.page(p);
      },
    });
    expect((await collect(reader.pages)).map((i) => i.id)).toEqual(l.items.map((i) => i.id));
    expect(waits).toEqual([3, 3]);
    expect(slept).toEqual([1500, 1500]);
  });

  it("gives up when one page would wait longer than maxWaitMs, after handing out the pages before it", async () => {
    const l = list(45);
    const budget = new Error("budget");
    const reader = await openPageReader<Item>({
      concurrency: 1,
      maxWaitMs: 5000,
      retryDelayMs: () => 2000,
      sleep: async () => {},
      fetchPage: async (p) => {
        if (p === 3) throw budget;
        return l.page(p);
      },
    });
    const got: number[] = [];
    await expect(
      (async () => {
        for await (const b of reader.pages) got.push(...b.items.map((i) => i.id));
      })(),
    ).rejects.toBe(budget);
    expect(got).toEqual(l.items.slice(0, 20).map((i) => i.id));
  });

  it("fails at once on errors that are not waited out, and page 1 errors reach the caller", async () => {
    const boom = new Error("upstream");
    await expect(openPageReader<Item>({ concurrency: 2, retryDelayMs: noRetry, fetchPage: async () => Promise.reject(boom) })).rejects.toBe(boom);
    const l = list(30);
    const reader = await openPageReader<Item>({ concurrency: 2, retryDelayMs: noRetry, fetchPage: async (p) => (p === 2 ? Promise.reject(boom) : l.page(p)) });
    await expect(collect(reader.pages)).rejects.toBe(boom);
  });

  it("aborts the requests in flight when the caller's signal ends the read", async () => {
    const l = list(200);
    const aborted: number[] = [];
    const controller = new AbortController();
    const reader = await openPageReader<Item>({
      concurrency: 3,
      retryDelayMs: noRetry,
      signal: controller.signal,
      fetchPage: (p, signal) =>
        p === 1
          ? Promise.resolve(l.page(1))
          : new Promise((_, reject) =>
              signal.addEventListener("abort", () => {
                aborted.push(p);
                reject(signal.reason);
              }),
            ),
    });
    await reader.pages.next();
    const next = reader.pages.next();
    await tick();
    controller.abort(new Error("client went away"));
    await expect(next).rejects.toThrow("client went away");
    expect(aborted.sort()).toEqual([2, 3, 4]);
  });

  it("remembers a bounded window of ids over many pages, and still drops repeats from shifts within it", async () => {
    const l = list(10_000); // 1,000 pages of 10
    const original = l.items.map((i) => i.id);
    const WINDOW = 40;
    let served = 0;
    const reader = await openPageReader<Item>({
      concurrency: 3,
      dedupeWindow: WINDOW,
      maxPages: 2_000,
      retryDelayMs: noRetry,
      fetchPage: async (p) => {
        // New calls keep arriving while the read goes on: up to the window between two pages (more than three pages' worth).
        if (++served % 50 === 0) l.arrive([7, 25, 40][(served / 50) % 3]);
        return l.page(p);
      },
    });
    const batches: PageBatch<Item>[] = [];
    for await (const b of reader.pages) batches.push(b);
    expect(batches.length).toBeGreaterThan(1_000);
    expect(Math.max(...batches.map((b) => b.remembered))).toBe(WINDOW);
    expect(batches.some((b) => b.repeatsPossible)).toBe(false);
    const ids = batches.flatMap((b) => b.items.map((i) => i.id));
    expect(new Set(ids).size).toBe(ids.length);
    const originalSet = new Set(original);
    expect(ids.filter((id) => originalSet.has(id))).toEqual(original);
  });

  it("marks the batches after a shift larger than the window, which may repeat items", async () => {
    const l = list(200);
    let served = 0;
    const reader = await openPageReader<Item>({
      concurrency: 1,
      dedupeWindow: 15,
      retryDelayMs: noRetry,
      fetchPage: async (p) => {
        if (++served === 6) l.arrive(30); // before page 6: twice the window
        return l.page(p);
      },
    });
    const batches: PageBatch<Item>[] = [];
    for await (const b of reader.pages) batches.push(b);
    const ids = batches.flatMap((b) => b.items.map((i) => i.id));
    // Pages 6–8 hold the 30 items of pages 3–5 again, older than the 15 remembered: they are handed
    // out a second time (each repeat pushes out of the window an id the next page would have needed).
    expect(ids.length - new Set(ids).size).toBe(30);
    expect(batches.filter((b) => b.repeatsPossible).map((b) => b.page)).toEqual(batches.filter((b) => b.page >= 6).map((b) => b.page));
    expect(batches.every((b) => b.remembered <= 15)).toBe(true);
    // Every item is still there, none lost.
    expect(new Set(ids)).toEqual(new Set(l.items.map((i) => i.id).filter((id) => id <= 200)));
  });
});

describe("RecentIds", () => {
  it("keeps the last `capacity` ids and forgets the oldest", () => {
    const r = new RecentIds(3);
    for (const id of [1, 2, 3, 2, 4]) r.add(id);
    expect(r.size).toBe(3);
    expect([1, 2, 3, 4].map((id) => r.has(id))).toEqual([false, true, true, true]);
    for (let id = 10; id < 10_000; id++) r.add(id);
    expect(r.size).toBe(3);
    expect([9_997, 9_998, 9_999, 4].map((id) => r.has(id))).toEqual([true, true, true, false]);
    expect(() => new RecentIds(0)).toThrow(RangeError);
  });
});
