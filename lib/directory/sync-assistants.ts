// Sync the team's assistants from WhatTalk (GET /user/assistants/get, every page) into Assistant:
// rows WhatTalk lists become source SYNC with WhatTalk's name; SYNC rows it no longer lists are
// removed; MANUAL and LEARNED rows it does not list are kept. When WhatTalk answers 404 for that
// endpoint, the error is recorded and assistants are entered by hand instead.
import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { logger } from "@/lib/logger";
import { lockAndCheck, actorRole, auditActorOf, type TeamActor } from "@/lib/auth/team-actor";
import { whatTalkContextForTeam } from "@/lib/credentials/context";
import { isWhatTalkError, listAssistants, type UpstreamAssistant } from "@/lib/whattalk";
import { forgetLearned } from "@/lib/directory/learn";
import type { Scope } from "@/lib/rbac";

export type SyncOutcome =
  | { status: "synced"; total: number; added: number; updated: number; removed: number; syncedAt: string }
  /** WhatTalk has no assistant list for this account (404): assistants are entered by hand. */
  | { status: "unsupported"; message: string }
  /** Only from syncAssistantsAfterSave, which never throws. */
  | { status: "failed"; message: string };

export const UNSUPPORTED_MESSAGE = "WhatTalk does not offer the assistant list for this account (it answered 404). Add the assistants by hand instead.";

const PER_PAGE = 100;
const MAX_PAGES = 100;
const NAME_MAX = 120;

async function recordSyncError(teamId: string, message: string | null) {
  // Only when it changes: a repeated failure leaves the row (and its updatedAt) alone.
  const differs = message === null ? { assistantsSyncError: { not: null } } : { OR: [{ assistantsSyncError: null }, { assistantsSyncError: { not: message } }] };
  await db()
    .team.updateMany({ where: { id: teamId, ...differs }, data: { assistantsSyncError: message } })
    .catch((error: unknown) => logger.warn({ module: "directory", teamId, err: { message: (error as Error)?.message } }, "could not record the sync error"));
}

async function fetchAll(actor: TeamActor, perPage: number): Promise<UpstreamAssistant[]> {
  const ctx = await whatTalkContextForTeam(actor);
  const byId = new Map<number, UpstreamAssistant>();
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { data } = await listAssistants(ctx, { per_page: perPage, page }, { cache: false });
    for (const a of data.data) byId.set(a.id, a);
    if (data.data.length === 0 || page >= data.last_page) break;
  }
  return [...byId.values()];
}

function nameOf(a: UpstreamAssistant): string {
  const name = (a.name ?? "").replace(/\p{Cc}/gu, " ").trim();
  return (name || `Assistant ${a.id}`).slice(0, NAME_MAX);
}

async function runSync(actor: TeamActor, scope: Scope, perPage = PER_PAGE): Promise<SyncOutcome> {
  const teamId = actor.teamId;
  let upstream: UpstreamAssistant[];
  try {
    upstream = await fetchAll(actor, perPage);
  } catch (error) {
    if (isWhatTalkError(error, "not_found")) {
      await recordSyncError(teamId, UNSUPPORTED_MESSAGE);
      return { status: "unsupported", message: UNSUPPORTED_MESSAGE };
    }
    if (isWhatTalkError(error) || error instanceof AppError) await recordSyncError(teamId, error.message);
    throw error;
  }

  const now = new Date();
  const counts = await db().$transaction(async (tx) => {
    await lockAndCheck(tx, actor, scope);
    const existing = await tx.assistant.findMany({ where: { teamId }, select: { id: true, externalId: true, name: true, source: true } });
    const byExternal = new Map(existing.map((r) => [r.externalId, r]));
    const wanted = new Map(upstream.map((a) => [a.id, nameOf(a)]));
    const added = [...wanted].filter(([id]) => !byExternal.has(id));
    const updated = [...wanted].filter(([id, name]) => {
      const row = byExternal.get(id);
      return row !== undefined && (row.name !== name || row.source !== "SYNC");
    });
    const removed = existing.filter((r) => r.source === "SYNC" && !wanted.has(r.externalId));

    if (added.length) await tx.assistant.createMany({ data: added.map(([externalId, name]) => ({ teamId, externalId, name, source: "SYNC" as const })), skipDuplicates: true });
    for (const [externalId, name] of updated) await tx.assistant.update({ where: { id: byExternal.get(externalId)!.id }, data: { name, source: "SYNC" } });
    if (removed.length) await tx.assistant.deleteMany({ where: { id: { in: removed.map((r) => r.id) } } });
    await tx.team.update({ where: { id: teamId }, data: { assistantsSyncedAt: now, assistantsSyncError: null } });
    if (added.length || updated.length || removed.length) {
      await recordAudit(
        {
          teamId,
          actor: auditActorOf(actor),
          action: "directory.synced",
          target: { type: "directory", label: "assistants" },
          data: {
            total: wanted.size,
            added: added.slice(0, 50).map(([id, name]) => ({ id, name })),
            updated: updated.slice(0, 50).map(([id, name]) => ({ id, name })),
            removed: removed.slice(0, 50).map((r) => ({ id: r.externalId, name: r.name })),
          },
        },
        tx,
      );
    }
    return { total: wanted.size, added: added.length, updated: updated.length, removed: removed.length };
  });
  forgetLearned(actor);
  return { status: "synced", ...counts, syncedAt: now.toISOString() };
}

/**
 * "Sync from WhatTalk" (assignments:manage). Returns the outcome; throws NO_CREDENTIAL when the team
 * has no usable key and WhatTalk's errors (mapped to statuses by the route wrapper) otherwise, after
 * recording them as the team's last sync error.
 */
export async function syncAssistants(input: { actor: TeamActor; /** Assistants per upstream page (1–100, default 100). */ pageSize?: number }): Promise<SyncOutcome> {
  await actorRole(db(), input.actor, "assignments:manage");
  return runSync(input.actor, "assignments:manage", Math.min(100, Math.max(1, Math.trunc(input.pageSize ?? PER_PAGE))));
}

/** The sync run right after a working key is saved (its service checked credentials:manage): never throws (the key is saved either way). */
export async function syncAssistantsAfterSave(actor: TeamActor): Promise<SyncOutcome> {
  const teamId = actor.teamId;
  try {
    return await runSync(actor, "credentials:manage");
  } catch (error) {
    const message = isWhatTalkError(error) || error instanceof AppError ? error.message : "The assistants could not be synced.";
    if (!isWhatTalkError(error) && !(error instanceof AppError)) {
      logger.error({ module: "directory", teamId, err: { name: (error as Error)?.name, message: (error as Error)?.message } }, "assistants sync after saving the key failed");
    }
    return { status: "failed", message };
  }
}
