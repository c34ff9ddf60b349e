// Puts the demo team's calls of a date range into its call index (IndexedCall rows through
// indexedCallRow, as the sync writes them) and marks the index synced 40 s ago, backfill still
// running. Run by the search journey in a tsx process (server-only modules); prints what it indexed.
import { db, disconnectDb } from "@/lib/db";
import { indexedCallRow } from "@/lib/call-index/row";
import { normalizeForSearch } from "@/lib/search/normalize";
import { CallPageSchema } from "@/lib/whattalk";

async function run() {
  const [simUrl, key, dateFrom, dateTo] = process.argv.slice(2);
  const team = await db().team.findUniqueOrThrow({ where: { slug: "demo" }, select: { id: true, timeZone: true } });
  const rows = [];
  const transcripts = new Map<number, string>();
  for (let page = 1; ; page++) {
    const res = await fetch(`${simUrl}/api/user/calls?${new URLSearchParams({ date_from: dateFrom, date_to: dateTo, per_page: "100", page: String(page) })}`, {
      headers: { Authorization: `Bearer ${key}`, Accept: "application/json" },
    });
    const body = CallPageSchema.parse(await res.json());
    for (const call of body.data) {
      const row = indexedCallRow(team.id, team.timeZone, call);
      if (row) rows.push(row);
      transcripts.set(call.id, normalizeForSearch(call.transcript ?? ""));
    }
    if (page >= body.last_page) break;
  }
  for (const row of rows) await db().indexedCall.upsert({ where: { teamId_callId: { teamId: row.teamId, callId: row.callId } }, create: row, update: row });
  const syncedAt = new Date(Date.now() - 40_000);
  const reachesBackTo = rows.reduce((min, r) => (new Date(r.createdAt) < min ? new Date(r.createdAt) : min), new Date());
  const state = { lastSuccessAt: syncedAt, lastIncrementalAt: syncedAt, reachesBackTo, backfillDoneAt: null };
  await db().callIndexState.upsert({ where: { teamId: team.id }, create: { teamId: team.id, ...state }, update: state });
  const calls = rows.map((r) => ({ id: r.callId, sentiment: r.sentiment, durationSeconds: r.durationSeconds, searchText: r.searchText, transcript: transcripts.get(r.callId) ?? "" }));
  process.stdout.write(JSON.stringify({ teamId: team.id, timeZone: team.timeZone, reachesBackTo: reachesBackTo.toISOString(), calls }));
}

run()
  .then(() => disconnectDb())
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    await disconnectDb().catch(() => {});
    process.exit(1);
  });
