// Which assistant and campaign ids are no longer in a team's directory (for saved views whose
// filters name one that was removed).
//
// The rule: an id counts as missing only when the directory speaks for its kind, that is when it
// holds at least one entry of that kind synced from WhatTalk or entered by hand (source SYNC or
// MANUAL), and the id is in none of the kind's entries (any source). Entries learned from calls
// alone never make an id missing: they only know the calls someone has looked at (and are learned
// in the background), so a team that never synced, or whose WhatTalk answers 404 for the
// assistants list and has no hand-made entries yet, flags nothing, and neither does an empty
// directory. An assistant assigned to an agent of the team also counts as present: the assignment
// says the assistant exists for the team even when the directory lost it.
import "server-only";
import { assertTeamScope, type TeamReader } from "@/lib/auth/team-actor";
import { db } from "@/lib/db";
import { CALL_READ_SCOPES } from "@/lib/rbac";
import { directoryTable } from "@/lib/directory/delegate";
import type { DirectoryKind } from "@/lib/directory/types";

export type MissingIds = Record<DirectoryKind, Set<number>>;

export async function missingDirectoryIds(who: TeamReader, ids: Partial<Record<DirectoryKind, readonly number[]>>): Promise<MissingIds> {
  const teamId = assertTeamScope(who, CALL_READ_SCOPES);
  const out: MissingIds = { assistant: new Set(), campaign: new Set() };
  await Promise.all(
    (["assistant", "campaign"] as const).map(async (kind) => {
      const wanted = [...new Set(ids[kind] ?? [])];
      if (!wanted.length) return;
      const table = directoryTable(kind);
      const [curated, present, assigned] = await Promise.all([
        table.findFirst({ where: { teamId, source: { in: ["SYNC", "MANUAL"] } }, select: { id: true } }),
        table.findMany({ where: { teamId, externalId: { in: wanted } }, select: { externalId: true } }),
        kind === "assistant" ? db().agentAssignment.findMany({ where: { teamId, assistantId: { in: wanted } }, select: { assistantId: true } }) : Promise.resolve([]),
      ]);
      if (!curated) return;
      const known = new Set([...present.map((r) => r.externalId), ...assigned.map((r) => r.assistantId)]);
      for (const id of wanted) if (!known.has(id)) out[kind].add(id);
    }),
  );
  return out;
}
