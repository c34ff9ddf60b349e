// Rebuild: flags the index (CallIndexState.rebuildRequestedAt); the sync's next run deletes the rows
// and starts the backfill again (lib/call-index/sync). Search keeps the old rows until then.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { lockAndCheck, auditActorOf, type TeamActor } from "@/lib/auth/team-actor";
import { db } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { indexSettingsOf } from "./guard";

/** Asks for a rebuild (team:settings), audited; answers when it was asked. */
export async function requestIndexRebuild(actor: TeamActor, now = new Date()): Promise<{ requestedAt: Date }> {
  const teamId = actor.teamId;
  return db().$transaction(async (tx) => {
    await lockAndCheck(tx, actor, "team:settings");
    const team = await indexSettingsOf(tx, actor);
    if (team.indexRetentionDays === null) throw conflict("The search index is off: there is nothing to rebuild. Turn it on by choosing a retention.");
    await tx.callIndexState.upsert({ where: { teamId }, create: { teamId, rebuildRequestedAt: now }, update: { rebuildRequestedAt: now } });
    await recordAudit({ teamId, actor: auditActorOf(actor), action: "index.rebuild_requested", target: { type: "index", id: teamId, label: team.name } }, tx);
    return { requestedAt: now };
  });
}
