// Learns assistants and campaigns (or only their names) from the calls the portal shows; a no-op when
// nothing is new. The rules: docs/design-notes.md and docs/access.md.
import "server-only";
import { LRUCache } from "lru-cache";
import { db } from "@/lib/db";
import { assertTeamScope, type TeamActor, type TeamReader } from "@/lib/auth/team-actor";
import { CALL_READ_SCOPES } from "@/lib/rbac";
import { directoryTable } from "@/lib/directory/delegate";

export type LearnableCall = {
  /** The call's id: counts a name seen without an id once per call. */
  id?: number | null;
  assistant_id?: number | null;
  assistant_name?: string | null;
  campaign_id?: number | null;
  campaign_name?: string | null;
};

const NAME_MAX = 120;
const MAX_KNOWN_PER_TEAM = 20_000;
/** Names seen without an id kept per team and kind. */
export const SEEN_MAX_PER_KIND = 200;
/** Call ids kept per seen name (the count shown stops there: "1,000+"). */
export const SEEN_MAX_CALL_IDS = 1_000;
const known = new LRUCache<string, Set<string>>({ max: 5_000 });

const validId = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 1 && v <= 2_147_483_647;
const cleanName = (v: unknown): string | null => {
  if (typeof v !== "string") return null;
  const s = v.replace(/\p{Cc}/gu, " ").trim().slice(0, NAME_MAX);
  return s || null;
};

/** Forget what was learned for the actor's team (after a sync or a manual edit, so removed entries can be learned again). */
export function forgetLearned(actor: TeamActor): void {
  known.delete(actor.teamId);
}

/** For tests. */
export function resetLearnedForTests(): void {
  known.clear();
}

type Pending = Map<number, string | null>;

async function learnKind(kind: "assistant" | "campaign", teamId: string, pending: Pending): Promise<number> {
  if (pending.size === 0) return 0;
  const m = directoryTable(kind);
  const ids = [...pending.keys()];
  const existing = await m.findMany({ where: { teamId, externalId: { in: ids } }, select: { externalId: true, name: true, source: true } });
  const byId = new Map(existing.map((r) => [r.externalId, r]));
  const fallback = kind === "assistant" ? "Assistant" : "Campaign";
  const create = ids.filter((id) => !byId.has(id)).map((id) => ({ teamId, externalId: id, name: pending.get(id) ?? `${fallback} ${id}`, source: "LEARNED" as const }));
  let changed = 0;
  if (create.length) changed += (await m.createMany({ data: create, skipDuplicates: true })).count;
  for (const [id, name] of pending) {
    const row = byId.get(id);
    // Names WhatTalk lists (SYNC) or an admin typed (MANUAL) win; learned names follow the calls.
    if (row && row.source === "LEARNED" && name && row.name !== name) {
      changed += (await m.updateMany({ where: { teamId, externalId: id, source: "LEARNED" }, data: { name } })).count;
    }
  }
  return changed;
}

type SeenRow = { kind: "ASSISTANT" | "CAMPAIGN"; name: string; ids: number[] };

/**
 * Records names seen without an id: one upsert for the batch; a row changes only when it is new or
 * a call id it had not counted comes in. Then drops the least recently seen names beyond the bound
 * (only when a name was added). Returns how many rows were added or changed.
 */
async function recordSeen(teamId: string, pending: Map<string, SeenRow>): Promise<number> {
  if (pending.size === 0) return 0;
  const rows = [...pending.values()];
  const changed = await db().$queryRaw<{ kind: SeenRow["kind"]; inserted: boolean }[]>`
    INSERT INTO "SeenDirectoryName" AS s ("teamId", "kind", "name", "callIds", "firstSeenAt", "lastSeenAt")
    SELECT ${teamId}, (r->>'kind')::"DirectoryKind", r->>'name',
           ARRAY(SELECT DISTINCT x::int FROM jsonb_array_elements_text(r->'ids') AS x ORDER BY 1 DESC LIMIT ${SEEN_MAX_CALL_IDS}),
           now(), now()
    FROM jsonb_array_elements(${JSON.stringify(rows)}::jsonb) AS r
    ON CONFLICT ("teamId", "kind", "name") DO UPDATE SET
      "callIds" = ARRAY(SELECT DISTINCT x FROM unnest(s."callIds" || EXCLUDED."callIds") AS x ORDER BY 1 DESC LIMIT ${SEEN_MAX_CALL_IDS}),
      "lastSeenAt" = now()
    WHERE NOT (EXCLUDED."callIds" <@ s."callIds")
    RETURNING s."kind"::text AS "kind", (s.xmax = 0) AS "inserted"`;
  for (const kind of new Set(changed.filter((r) => r.inserted).map((r) => r.kind))) {
    await db().$executeRaw`
      DELETE FROM "SeenDirectoryName"
      WHERE "teamId" = ${teamId} AND "kind" = ${kind}::"DirectoryKind" AND "name" IN (
        SELECT "name" FROM "SeenDirectoryName" WHERE "teamId" = ${teamId} AND "kind" = ${kind}::"DirectoryKind"
        ORDER BY "lastSeenAt" DESC, "name" ASC OFFSET ${SEEN_MAX_PER_KIND})`;
  }
  return changed.length;
}

/**
 * Upserts LEARNED rows for the (assistant_id, assistant_name) and (campaign_id, campaign_name) pairs
 * seen in `calls`; existing SYNC and MANUAL rows keep their names. Records the names of calls that
 * carry a name but no id as seen in calls. Returns how many rows changed (directory rows of each
 * kind, and seen names). `who` read the calls (a calls scope).
 */
export async function learnFromCalls(who: TeamReader, calls: readonly LearnableCall[]): Promise<{ assistants: number; campaigns: number; seen: number }> {
  const teamId = assertTeamScope(who, CALL_READ_SCOPES);
  let seen = known.get(teamId);
  if (!seen) {
    seen = new Set();
    known.set(teamId, seen);
  }
  const assistants: Pending = new Map();
  const campaigns: Pending = new Map();
  const names = new Map<string, SeenRow>();
  const keys: string[] = [];
  for (const call of calls) {
    const callId = validId(call.id) ? call.id : null;
    for (const [prefix, kind, id, rawName, into] of [
      ["a", "ASSISTANT", call.assistant_id, call.assistant_name, assistants],
      ["c", "CAMPAIGN", call.campaign_id, call.campaign_name, campaigns],
    ] as const) {
      const name = cleanName(rawName);
      if (!validId(id)) {
        // A name without an id: seen in calls (once per call).
        if (!name) continue;
        const key = `s${prefix}:${callId ?? ""}:${name}`;
        if (seen.has(key)) continue;
        const row = names.get(`${kind}:${name}`) ?? { kind, name, ids: [] };
        if (callId !== null) row.ids.push(callId);
        names.set(`${kind}:${name}`, row);
        keys.push(key);
        continue;
      }
      const key = `${prefix}:${id}:${name ?? ""}`;
      if (seen.has(key)) continue;
      if (!into.has(id) || name) into.set(id, name);
      keys.push(key);
    }
  }
  if (keys.length === 0) return { assistants: 0, campaigns: 0, seen: 0 };
  const result = {
    assistants: await learnKind("assistant", teamId, assistants),
    campaigns: await learnKind("campaign", teamId, campaigns),
    seen: await recordSeen(teamId, names),
  };
  if (seen.size + keys.length > MAX_KNOWN_PER_TEAM) seen.clear();
  for (const k of keys) seen.add(k);
  return result;
}
