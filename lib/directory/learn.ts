// Learns assistants and campaigns (id, name) from the calls the portal shows, so the filter
// pickers know campaigns WhatTalk has no list endpoint for. Cheap: a per-team in-memory set of the
// (id, name) pairs already handled skips the database entirely when nothing is new.
import "server-only";
import { LRUCache } from "lru-cache";
import { directoryTable } from "@/lib/directory/delegate";

export type LearnableCall = {
  assistant_id?: number | null;
  assistant_name?: string | null;
  campaign_id?: number | null;
  campaign_name?: string | null;
};

const NAME_MAX = 120;
const MAX_KNOWN_PER_TEAM = 20_000;
const known = new LRUCache<string, Set<string>>({ max: 5_000 });

const validId = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 1 && v <= 2_147_483_647;
const cleanName = (v: unknown): string | null => {
  if (typeof v !== "string") return null;
  const s = v.replace(/\p{Cc}/gu, " ").trim().slice(0, NAME_MAX);
  return s || null;
};

/** Forget what was learned for a team (after a sync or a manual edit, so removed entries can be learned again). */
export function forgetLearned(teamId: string): void {
  known.delete(teamId);
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

/**
 * Upserts LEARNED rows for the (assistant_id, assistant_name) and (campaign_id, campaign_name) pairs
 * seen in `calls`. Existing SYNC and MANUAL rows keep their names. Returns how many rows changed.
 */
export async function learnFromCalls(teamId: string, calls: readonly LearnableCall[]): Promise<{ assistants: number; campaigns: number }> {
  let seen = known.get(teamId);
  if (!seen) {
    seen = new Set();
    known.set(teamId, seen);
  }
  const assistants: Pending = new Map();
  const campaigns: Pending = new Map();
  const keys: string[] = [];
  for (const call of calls) {
    for (const [prefix, id, rawName, into] of [
      ["a", call.assistant_id, call.assistant_name, assistants],
      ["c", call.campaign_id, call.campaign_name, campaigns],
    ] as const) {
      if (!validId(id)) continue;
      const name = cleanName(rawName);
      const key = `${prefix}:${id}:${name ?? ""}`;
      if (seen.has(key)) continue;
      if (!into.has(id) || name) into.set(id, name);
      keys.push(key);
    }
  }
  if (keys.length === 0) return { assistants: 0, campaigns: 0 };
  const result = { assistants: await learnKind("assistant", teamId, assistants), campaigns: await learnKind("campaign", teamId, campaigns) };
  if (seen.size + keys.length > MAX_KNOWN_PER_TEAM) seen.clear();
  for (const k of keys) seen.add(k);
  return result;
}
