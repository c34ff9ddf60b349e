// Turkish-aware matching over the call index (runs on the embedded database and on PostgreSQL):
// word starts find inflected forms, Turkish case and diacritics fold, phrases, exclusions, phone
// digits, no match inside a word, LIKE wildcards typed literally; and the trigram index is used.
import { beforeAll, describe, expect, it } from "vitest";
import { escapeLike, pageSql } from "@/lib/call-index/search";
import { listTeamCalls } from "@/lib/calls/list-calls";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseCallFilters } from "@/lib/validation/call-filters";
import { insertCalls, makeCall, makeTeam, markSynced, simulatorCalls } from "./call-index-fixtures";

const CALLS = {
  randevu: makeCall("AI: Merhaba Ayşe Hanım, 29 Kasım saat 14:30'daki randevunuzu teyit etmek istiyorum.\nUser: Evet, geleceğim."),
  kampanya: makeCall("AI: Bu ayki kampanyası hakkında bilgi vermek istiyorum: ilk üç ay yüzde 50 indirim.\nUser: İlgilenmiyorum, teşekkürler."),
  fatura: makeCall("User: Son iki aydır faturalarım çok yüksek geliyor, neden?\nAI: Hemen kontrol ediyorum."),
  iptal: makeCall("User: Aboneliğimi İPTAL etmek istiyorum.\nAI: Üzgünüz, talebinizi aldık."),
  sikayetUpper: makeCall("User: Bir ŞİKAYET bildirmek istiyorum, kargom hâlâ gelmedi.\nAI: Kargo takip numaranızı alabilir miyim?"),
  sikayetLower: makeCall("User: Geçen haftaki şikayetim hakkında aradım.\nAI: Kaydınızı buldum."),
  isik: makeCall("AI: IŞIK Elektrik'e hoş geldiniz.\nUser: Sokak lambası gece boyunca yanıp sönüyor."),
  isikLower: makeCall("User: Mutfaktaki ışık çalışmıyor, sigorta attı galiba."),
  odeme: makeCall("User: Ödeme yapamıyorum, kartım reddedildi.\nAI: Başka bir kartla deneyebilir misiniz?"),
  english: makeCall("AI: Hello, this is Acme Energy.\nUser: I would like to cancel my appointment and get a refund, please.", { client_phone_number: "+14155550123" }),
  phone: makeCall("AI: İyi günler, size nasıl yardımcı olabilirim?\nUser: Adres değişikliği yapmak istiyorum.", { client_phone_number: "+905321112233" }),
  literal: makeCall("AI: İndirim kodu: YAZ%50_kod\\özel. Zamanında teslim garantisi."),
  variables: makeCall("AI: Görüşme kaydedildi.", { variables: { customer_name: "Gülşen Yıldırım", order_no: "SP-99812", total_cost: 777.77 } }),
};
type Name = keyof typeof CALLS;

let team: Awaited<ReturnType<typeof makeTeam>>;

async function search(q: string): Promise<Name[]> {
  const parsed = parseCallFilters({ q, per_page: 100 }, team.team);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
  const result = await listTeamCalls(team.members.OWNER, parsed.filters);
  expect(result.meta.source).toBe("index");
  const byId = new Map(Object.entries(CALLS).map(([name, c]) => [c.id, name as Name]));
  return result.calls.map((c) => byId.get(c.id)!).sort();
}

beforeAll(async () => {
  team = await makeTeam();
  await insertCalls(team.team.id, Object.values(CALLS));
  await markSynced(team.team.id);
});

describe("Turkish-aware matching", () => {
  const table: [string, Name[]][] = [
    ["randevu", ["randevu"]],
    ["RANDEVU", ["randevu"]],
    ["kampanya", ["kampanya"]],
    ["fatura", ["fatura"]],
    ["iptal", ["iptal"]],
    ["İPTAL", ["iptal"]],
    ["İptal", ["iptal"]],
    ["ŞİKAYET", ["sikayetLower", "sikayetUpper"]],
    ["şikayet", ["sikayetLower", "sikayetUpper"]],
    ["sikayet", ["sikayetLower", "sikayetUpper"]],
    ["IŞIK", ["isik", "isikLower"]],
    ["ışık", ["isik", "isikLower"]],
    ["isik", ["isik", "isikLower"]],
    ["odeme", ["odeme"]],
    ["ÖDEME", ["odeme"]],
    ["hala gelmedi", ["sikayetUpper"]],
    ['"kargom hâlâ gelmedi"', ["sikayetUpper"]],
    ['"gelmedi kargom"', []],
    ["istiyorum -iptal", ["kampanya", "phone", "randevu", "sikayetUpper"]],
    ['istiyorum -"aboneliğimi iptal" -şikayet', ["kampanya", "phone", "randevu"]],
    ["cancel", ["english"]],
    ["CANCEL appoint", ["english"]],
    ["appointment -refund", []],
    ["gulsen", ["variables"]],
    ["sp-99812", ["variables"]],
    // Phone digits, as typed: national form, spaces, international form, a middle part.
    ["0532 111", ["phone"]],
    ["0532 111 22 33", ["phone"]],
    ["+90 532 111 22 33", ["phone"]],
    ["1112233", ["phone"]],
    ["0532 999", []],
    ["415 555", ["english"]],
    // Not inside a word: "devu" is in the middle of "randevunuzu", "point" of "appointment".
    ["devu", []],
    ["point", []],
    ["manında", []],
    ["zamanında", ["literal"]],
    // No cost values in the search text (agents search too).
    ["777", []],
    // LIKE's wildcards and its escape character are typed literally (they separate words).
    ["ran%vu", []],
    ["rand_vunuzu", []],
    ["randevu\\", ["randevu"]],
    ["yaz%50", ["literal"]],
    ["50_kod", ["literal"]],
    ["kod\\özel", ["literal"]],
    ["kod_zel", []],
  ];
  it.each(table)("%s", async (q, expected) => {
    expect(await search(q)).toEqual([...expected].sort());
  });

  it("escapes LIKE's %, _ and \\ (on this server's LIKE)", async () => {
    const rows = await db().$queryRaw<{ a: boolean; b: boolean; c: boolean; d: boolean }[]>`SELECT
      ${"x50%_\\y"} LIKE ${`%${escapeLike("50%_\\")}%`} AS a,
      ${"x50abcy"} LIKE ${`%${escapeLike("50%")}%`} AS b,
      ${"x50zy"} LIKE ${`%${escapeLike("50_")}%`} AS c,
      ${"a\\b"} LIKE ${`%${escapeLike("a\\b")}%`} AS d`;
    expect(rows[0]).toEqual({ a: true, b: false, c: false, d: true });
  });
});

describe("search over many rows", () => {
  let big: Awaited<ReturnType<typeof makeTeam>>;
  beforeAll(async () => {
    big = await makeTeam();
    await insertCalls(big.team.id, simulatorCalls());
    await markSynced(big.team.id);
    await db().$executeRawUnsafe(`ANALYZE "IndexedCall"`);
  });

  it("finds what a scan of the rows finds", async () => {
    const all = await db().indexedCall.findMany({ where: { teamId: big.team.id }, select: { callId: true, searchText: true } });
    expect(all.length).toBeGreaterThan(5000);
    const parsed = parseCallFilters({ q: "iptal", per_page: 100 }, big.team);
    if (!parsed.ok) throw new Error("bad filters");
    const result = await listTeamCalls(big.members.OWNER, parsed.filters);
    const expected = all.filter((r) => /(^| )iptal/.test(r.searchText)).length;
    expect(expected).toBeGreaterThan(0);
    expect(result.total).toBe(expected);
  });

  // The planner picks the trigram index by itself (no enable_seqscan tricks): ~13,000 realistic rows,
  // vacuumed and analysed as autovacuum would (which also flushes the GIN index's pending list).
  it.skipIf(!process.env.TEST_DATABASE_URL)("uses the pg_trgm GIN index (PostgreSQL EXPLAIN)", async () => {
    await insertCalls(big.team.id, simulatorCalls().map((c) => ({ ...c, id: c.id + 1_000_000 })));
    await db().$executeRawUnsafe(`VACUUM ANALYZE "IndexedCall"`);
    const parsed = parseCallFilters({ q: "İPTAL" }, big.team);
    if (!parsed.ok) throw new Error("bad filters");
    const query = pageSql({ teamId: big.team.id, timeZone: big.team.timeZone, selection: parsed.filters, scope: { kind: "all" } }, 1, 25);
    const plan = await db().$queryRaw<unknown[]>(Prisma.sql`EXPLAIN (FORMAT JSON) ${query}`);
    expect(JSON.stringify(plan)).toContain("IndexedCall_searchText_idx");
    expect(JSON.stringify(plan)).not.toContain("Seq Scan");
  });
});
