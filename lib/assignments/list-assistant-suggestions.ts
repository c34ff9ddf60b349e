import "server-only";
import { db } from "@/lib/db";

/** The team's known WhatTalk assistants (synced or entered in the directory), to suggest ids and labels. */
export async function listAssistantSuggestions(teamId: string): Promise<{ assistantId: number; name: string }[]> {
  const rows = await db().assistant.findMany({ where: { teamId }, select: { externalId: true, name: true }, orderBy: { externalId: "asc" }, take: 1000 });
  return rows.map((r) => ({ assistantId: r.externalId, name: r.name }));
}
