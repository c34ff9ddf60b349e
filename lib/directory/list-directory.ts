import "server-only";
import { assertTeamScope, type TeamReader } from "@/lib/auth/team-actor";
import { CALL_READ_SCOPES } from "@/lib/rbac";
import { db } from "@/lib/db";
import type { Directory, DirectoryEntry } from "@/lib/directory/types";

const MAX_ENTRIES = 5_000;

/**
 * The team's assistants and campaigns by WhatTalk id. `onlyAssistantIds` narrows the assistants
 * (an agent sees the assistants assigned to them only).
 */
export async function listDirectory(who: TeamReader, opts: { onlyAssistantIds?: readonly number[] } = {}): Promise<Directory> {
  const teamId = assertTeamScope(who, CALL_READ_SCOPES);
  const select = { externalId: true, name: true, source: true } as const;
  const [assistants, campaigns, team] = await Promise.all([
    db().assistant.findMany({
      where: { teamId, ...(opts.onlyAssistantIds ? { externalId: { in: [...opts.onlyAssistantIds] } } : {}) },
      select,
      orderBy: { externalId: "asc" },
      take: MAX_ENTRIES,
    }),
    db().campaign.findMany({ where: { teamId }, select, orderBy: { externalId: "asc" }, take: MAX_ENTRIES }),
    db().team.findUnique({ where: { id: teamId }, select: { assistantsSyncedAt: true, assistantsSyncError: true } }),
  ]);
  const entry = (r: { externalId: number; name: string; source: DirectoryEntry["source"] }): DirectoryEntry => ({ id: r.externalId, name: r.name, source: r.source });
  return {
    assistants: assistants.map(entry),
    campaigns: campaigns.map(entry),
    sync: { syncedAt: team?.assistantsSyncedAt?.toISOString() ?? null, error: team?.assistantsSyncError ?? null },
  };
}
