// Which assistant and campaign ids are no longer in a team's directory (saved views that need fixing).
// When an id counts as missing: docs/design-notes.md.
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
