// The query-plan cache in lib/db.ts: reads reuse the compiled plan of an identical query, but every
// query still runs (fresh data after writes), and writes are compiled every time (generated ids and
// timestamps stay distinct).
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db, installPlanCache, planCacheStats } from "@/lib/db";

describe("query plan cache", () => {
  beforeAll(async () => {
    expect(await installPlanCache()).toBe(true);
  });

  it("compiles an identical read once, and reads fresh data every time", async () => {
    const user = await db().user.create({ data: { email: `p-${crypto.randomUUID()}@x.test`, name: "Before" } });
    const read = () => db().user.findUnique({ where: { id: user.id }, select: { name: true, sessionVersion: true } });
    expect(await read()).toEqual({ name: "Before", sessionVersion: 1 });
    const { hits, misses } = planCacheStats;
    expect(await read()).toEqual({ name: "Before", sessionVersion: 1 });
    expect(planCacheStats.hits).toBe(hits + 1);
    expect(planCacheStats.misses).toBe(misses);

    await db().user.update({ where: { id: user.id }, data: { name: "After", sessionVersion: { increment: 1 } } });
    expect(await read()).toEqual({ name: "After", sessionVersion: 2 });
    await db().user.delete({ where: { id: user.id } });
    expect(await read()).toBeNull();
  });

  it("keys plans by the values too: another id is another plan", async () => {
    const a = await db().user.create({ data: { email: `a-${crypto.randomUUID()}@x.test`, name: "A" } });
    const b = await db().user.create({ data: { email: `b-${crypto.randomUUID()}@x.test`, name: "B" } });
    const nameOf = async (id: string) => (await db().user.findUnique({ where: { id }, select: { name: true } }))?.name;
    expect([await nameOf(a.id), await nameOf(b.id), await nameOf(a.id), await nameOf(b.id)]).toEqual(["A", "B", "A", "B"]);
  });

  it("never reuses a write's plan: identical creates get their own ids and timestamps", async () => {
    const misses = planCacheStats.misses;
    const slug = () => `plan-${crypto.randomUUID()}`;
    const first = await db().team.create({ data: { name: "Same", slug: slug() }, select: { id: true, createdAt: true } });
    await new Promise((r) => setTimeout(r, 5));
    const second = await db().team.create({ data: { name: "Same", slug: slug() }, select: { id: true, createdAt: true } });
    expect(second.id).not.toBe(first.id);
    expect(second.createdAt.getTime()).toBeGreaterThan(first.createdAt.getTime());
    expect(planCacheStats.misses).toBeGreaterThanOrEqual(misses + 2);
  });

  it("works inside interactive transactions (rolled back writes stay invisible)", async () => {
    const user = await db().user.create({ data: { email: `t-${crypto.randomUUID()}@x.test`, name: "T" } });
    await expect(
      db().$transaction(async (tx) => {
        await tx.user.update({ where: { id: user.id }, data: { name: "Changed" } });
        expect((await tx.user.findUnique({ where: { id: user.id }, select: { name: true } }))?.name).toBe("Changed");
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect((await db().user.findUnique({ where: { id: user.id }, select: { name: true } }))?.name).toBe("T");
  });
});
