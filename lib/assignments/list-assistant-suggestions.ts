import "server-only";
import { assertTeamScope, type TeamReader } from "@/lib/auth/team-actor";
import { db } from "@/lib/db";

/** The team's known WhatTalk assistants (synced or entered in the directory), to suggest ids and labels. */
export async function listAssistantSuggestions(who: TeamReader): Promise<{ assistantId: number; name: string }[]> {
  const teamId = assertTeamScope(who, "assignments:manage");
  const rows = await db().assistant.findMany({ where: { teamId }, select: { externalId: true, name: true }, orderBy: { externalId: "asc" }, take: 1000 });
  return rows.map((r) => ({ assistantId: r.externalId, name: r.name }));
}
