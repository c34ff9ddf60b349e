// The call index benchmark's body: fills IndexedCall for one team with the simulator's bulk calls,
// times the calls page's search SQL (searchIndexedCalls), reads its EXPLAIN plans and the storage.
import crypto from "node:crypto";
import { operatorActor } from "@/lib/auth/team-actor";
import { indexedCallRow } from "@/lib/call-index/row";
import { pageSql, searchIndexedCalls, type IndexQuery } from "@/lib/call-index/search";
import { db } from "@/lib/db";
import type { CallSelection } from "@/lib/validation/call-filters";
import type { UpstreamCall } from "@/lib/whattalk";
import { generateBulkAccount } from "../whattalk-sim/bulk";
import { summarise, type Summary } from "./stats";

export const TRIGRAM_INDEX = "IndexedCall_searchText_idx";
const TZ = "Europe/Istanbul";
const PER_PAGE = 25;
const BATCH = 500;

export type IndexBenchOptions = { calls: number; iterations: number; warmups: number; log: (line: string) => void };
export type QueryResult = { name: string; selection: CallSelection; total: number; times: Summary; pagePlan: string; countPlan: string; trigram: { page: boolean; count: boolean } };
export type StorageResult = { total: number; table: number; toast: number; indexes: { name: string; bytes: number }[]; rows: number; bytesPerCall: number };
export type IndexBenchResult = { calls: number; insertSeconds: number; vacuumSeconds: number; queries: QueryResult[]; storage: StorageResult };

/** A local day `days` before now, YYYY-MM-DD in the team's zone. */
function localDay(daysAgo: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TZ }).format(new Date(Date.now() - daysAgo * 86_400_000));
}

/** The selections timed: common to rare words (shares in the bulk data), a phrase, a search with three filters. */
export function benchSelections(): { name: string; selection: CallSelection }[] {
  return [
    { name: "word in ~70 % of calls (merhaba)", selection: { q: "merhaba" } },
    { name: "word in ~35 % (fatura)", selection: { q: "fatura" } },
    { name: "word in ~12 % (randevu)", selection: { q: "randevu" } },
    { name: "word in ~0.2 % (apologies)", selection: { q: "apologies" } },
    { name: 'phrase ("kredi kartı")', selection: { q: '"kredi kartı"' } },
    { name: "iptal + sentiment + duration + 30 days", selection: { q: "iptal", sentiment: "negative", duration_min: 30, duration_max: 600, date_from: localDay(30), date_to: localDay(0) } },
  ] as { name: string; selection: CallSelection }[];
}

/** Inserts `calls` bulk calls for a new team, in multi-row batches through indexedCallRow. */
async function fill(calls: number, log: (line: string) => void): Promise<string> {
  const team = await db().team.create({ data: { name: "Index bench", slug: `bench-index-${crypto.randomUUID().slice(0, 8)}`, timeZone: TZ, indexRetentionDays: 3650 } });
  const { account } = generateBulkAccount({ key: "wt_bench_index", calls, timeZone: TZ }, 0, 1, Date.now(), "http://sim.invalid");
  log(`generated ${account.calls.length} calls`);
  for (let i = 0; i < account.calls.length; i += BATCH) {
    const rows = account.calls.slice(i, i + BATCH).map((c) => indexedCallRow(team.id, TZ, c as unknown as UpstreamCall));
    await db().indexedCall.createMany({ data: rows.filter((r) => r !== null) });
    if ((i / BATCH) % 40 === 39) log(`inserted ${i + BATCH}`);
  }
  return team.id;
}

type Raw = { text: string; values: unknown[] };

/** The count query searchIndexedCalls runs next to the page: the page's WHERE without order and limit. */
function countSql(page: Raw): Raw {
  const m = /^SELECT "call" (FROM "IndexedCall" WHERE [\s\S]*) ORDER BY [\s\S]* LIMIT \$\d+ OFFSET \$\d+$/.exec(page.text);
  if (!m) throw new Error(`pageSql changed shape; update countSql: ${page.text}`);
  return { text: `SELECT count(*) AS n ${m[1]}`, values: page.values.slice(0, -2) };
}

async function explain(q: Raw): Promise<string> {
  const rows = await db().$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN (ANALYZE, BUFFERS) ${q.text}`, ...q.values);
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

async function timeQuery(name: string, selection: CallSelection, teamId: string, o: IndexBenchOptions): Promise<QueryResult> {
  const q: IndexQuery = { teamId, timeZone: TZ, selection, scope: { kind: "all" } };
  for (let i = 0; i < o.warmups; i++) await searchIndexedCalls(operatorActor(teamId, "bench"), q, 1, PER_PAGE);
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < o.iterations; i++) {
    const t = performance.now();
    total = (await searchIndexedCalls(operatorActor(teamId, "bench"), q, 1, PER_PAGE)).total;
    times.push(performance.now() - t);
  }
  const page = pageSql(q, 1, PER_PAGE) as unknown as Raw;
  const pagePlan = await explain(page);
  const countPlan = await explain(countSql(page));
  const trigram = { page: pagePlan.includes(TRIGRAM_INDEX), count: countPlan.includes(TRIGRAM_INDEX) };
  return { name, selection, total, times: summarise(times), pagePlan, countPlan, trigram };
}

async function storage(teamId: string): Promise<StorageResult> {
  const [sizes] = await db().$queryRawUnsafe<{ total: bigint; tbl: bigint; toast: bigint }[]>(
    `SELECT pg_total_relation_size('"IndexedCall"') AS total, pg_relation_size('"IndexedCall"') AS tbl,
            COALESCE((SELECT pg_total_relation_size(reltoastrelid) FROM pg_class WHERE oid = '"IndexedCall"'::regclass AND reltoastrelid <> 0), 0) AS toast`,
  );
  const indexes = await db().$queryRawUnsafe<{ name: string; bytes: bigint }[]>(
    `SELECT indexrelid::regclass::text AS name, pg_relation_size(indexrelid) AS bytes FROM pg_index WHERE indrelid = '"IndexedCall"'::regclass ORDER BY 2 DESC`,
  );
  const rows = await db().indexedCall.count({ where: { teamId } });
  const total = Number(sizes.total);
  return { total, table: Number(sizes.tbl), toast: Number(sizes.toast), indexes: indexes.map((i) => ({ name: i.name.replace(/"/g, ""), bytes: Number(i.bytes) })), rows, bytesPerCall: rows ? Math.round(total / rows) : 0 };
}

/** Runs the whole benchmark on the database at DATABASE_URL (migrated, IndexedCall expected empty). */
export async function runIndexSearchBench(o: IndexBenchOptions): Promise<IndexBenchResult> {
  let t = performance.now();
  const teamId = await fill(o.calls, o.log);
  const insertSeconds = (performance.now() - t) / 1000;
  o.log(`inserted ${o.calls} calls in ${insertSeconds.toFixed(1)} s`);
  t = performance.now();
  await db().$executeRawUnsafe(`VACUUM ANALYZE "IndexedCall"`);
  const vacuumSeconds = (performance.now() - t) / 1000;
  const queries: QueryResult[] = [];
  for (const { name, selection } of benchSelections()) {
    const r = await timeQuery(name, selection, teamId, o);
    o.log(`${name}: p50 ${r.times.p50.toFixed(1)} ms, p95 ${r.times.p95.toFixed(1)} ms, ${r.total} matches, trigram index: page ${r.trigram.page ? "yes" : "no"}, count ${r.trigram.count ? "yes" : "no"}`);
    queries.push(r);
  }
  return { calls: o.calls, insertSeconds, vacuumSeconds, queries, storage: await storage(teamId) };
}
