// Assistants and campaigns entered or removed by hand (assignments:manage).
import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { parseOrThrow } from "@/lib/validation/parse";
import { lockAndCheck, auditActorOf, type TeamActor } from "@/lib/auth/team-actor";
import { directoryTable } from "@/lib/directory/delegate";
import { forgetLearned } from "@/lib/directory/learn";
import { directoryEntrySchema, externalIdSchema } from "@/lib/directory/schema";
import type { DirectoryEntry, DirectoryKind } from "@/lib/directory/types";

const NOUN: Record<DirectoryKind, string> = { assistant: "assistant", campaign: "campaign" };

/**
 * Adds an entry by hand (source MANUAL), or renames one learned from calls or entered before (it
 * becomes MANUAL). An assistant synced from WhatTalk keeps WhatTalk's name: 409.
 */
export async function addDirectoryEntry(input: { actor: TeamActor; kind: DirectoryKind; entry: unknown }): Promise<DirectoryEntry> {
  const { id, name } = parseOrThrow(directoryEntrySchema, input.entry);
  const teamId = input.actor.teamId;
  const result = await db().$transaction(async (tx) => {
    await lockAndCheck(tx, input.actor, "assignments:manage");
    const table = directoryTable(input.kind, tx);
    const existing = await table.findUnique({ where: { teamId_externalId: { teamId, externalId: id } }, select: { id: true, name: true, source: true } });
    if (existing?.source === "SYNC") {
      throw new AppError("CONFLICT", `Assistant ${id} is synced from WhatTalk as "${existing.name}": its name comes from WhatTalk.`, {
        fieldErrors: { id: [`Assistant ${id} is already synced from WhatTalk.`] },
      });
    }
    if (existing && existing.source === "MANUAL" && existing.name === name) return { entry: { id, name, source: "MANUAL" as const }, changed: false };
    if (existing) await table.update({ where: { id: existing.id }, data: { name, source: "MANUAL" } });
    else await table.create({ data: { teamId, externalId: id, name, source: "MANUAL" } });
    await recordAudit(
      {
        teamId,
        actor: auditActorOf(input.actor),
        action: "directory.changed",
        target: { type: input.kind, id: String(id), label: name },
        data: { op: existing ? "renamed" : "added", kind: input.kind, id, name, ...(existing ? { previous: { name: existing.name, source: existing.source } } : {}) },
      },
      tx,
    );
    return { entry: { id, name, source: "MANUAL" as const }, changed: true };
  });
  if (result.changed) forgetLearned(input.actor);
  return result.entry;
}

/** Removes an entry (any source; a synced assistant comes back at the next sync, a learned one when seen again). */
export async function removeDirectoryEntry(input: { actor: TeamActor; kind: DirectoryKind; id: unknown }): Promise<{ removed: DirectoryEntry }> {
  const id = parseOrThrow(externalIdSchema, input.id, `Not a WhatTalk ${NOUN[input.kind]} id.`);
  const teamId = input.actor.teamId;
  const removed = await db().$transaction(async (tx) => {
    await lockAndCheck(tx, input.actor, "assignments:manage");
    const table = directoryTable(input.kind, tx);
    const row = await table.findUnique({ where: { teamId_externalId: { teamId, externalId: id } }, select: { id: true, name: true, source: true } });
    if (!row) throw new AppError("NOT_FOUND", `The directory has no ${NOUN[input.kind]} ${id}.`);
    await table.delete({ where: { id: row.id } });
    await recordAudit(
      {
        teamId,
        actor: auditActorOf(input.actor),
        action: "directory.changed",
        target: { type: input.kind, id: String(id), label: row.name },
        data: { op: "removed", kind: input.kind, id, name: row.name, source: row.source },
      },
      tx,
    );
    return { id, name: row.name, source: row.source };
  });
  forgetLearned(input.actor);
  return { removed };
}
