// The call index benchmark (npm run bench:index) runs end to end at a tiny size, so it cannot rot:
// rows inserted, every query timed with its real match count, plans read, storage measured.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runIndexSearchBench, benchSelections } from "@/tools/bench/index-search-run";

describe("npm run bench:index", () => {
  it("fills the index, times each search and reports plans and storage", async () => {
    const result = await runIndexSearchBench({ calls: 500, iterations: 3, warmups: 1, log: () => {} });
    const rows = await db().indexedCall.findMany({ select: { searchText: true } });
    expect(rows).toHaveLength(500);
    expect(result.queries.map((q) => q.name)).toEqual(benchSelections().map((s) => s.name));
    // Totals are the app's exact counts: the simple word searches agree with the stored search text.
    for (const [i, word] of ["merhaba", "fatura", "randevu"].entries()) {
      const expected = rows.filter((r) => new RegExp(`(^| )${word}`).test(r.searchText)).length;
      expect(expected).toBeGreaterThan(0);
      expect(result.queries[i].total).toBe(expected);
    }
    for (const q of result.queries) {
      expect(q.times.n).toBe(3);
      expect(q.times.p50).toBeGreaterThan(0);
      expect(q.pagePlan).toMatch(/Execution Time/);
      expect(q.countPlan).toMatch(/Aggregate/);
    }
    const s = result.storage;
    expect(s.rows).toBe(500);
    expect(s.indexes.map((i) => i.name)).toContain("IndexedCall_searchText_idx");
    expect(s.total).toBeGreaterThanOrEqual(s.table + s.indexes.reduce((a, i) => a + i.bytes, 0));
    expect(s.bytesPerCall).toBe(Math.round(s.total / 500));
  }, 120_000);
});
