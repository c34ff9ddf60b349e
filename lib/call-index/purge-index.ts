// Deletes a team's index now (the CLI's index:purge): its calls and sync state; with `turnOff` the
// retention is set to off too, so the sync does not copy the calls again.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { lockAndCheck, auditActorOf, type TeamActor } from "@/lib/auth/team-actor";
import { db } from "@/lib/db";
import { deleteIndexRows, indexSettingsOf } from "./guard";

/** Purges the index (team:settings), audited; answers how many indexed calls were deleted and the retention left. */
export async function purgeIndex(actor: TeamActor, opts: { turnOff?: boolean } = {}): Promise<{ purged: number; retentionDays: number | null }> {
  const teamId = actor.teamId;
  return db().$transaction(async (tx) => {
    await lockAndCheck(tx, actor, "team:settings");
    const team = await indexSettingsOf(tx, actor);
    const purged = await deleteIndexRows(tx, teamId);
    const turnedOff = !!opts.turnOff && team.indexRetentionDays !== null;
    if (turnedOff) await tx.team.update({ where: { id: teamId }, data: { indexRetentionDays: null } });
    await recordAudit({ teamId, actor: auditActorOf(actor), action: "index.purged", target: { type: "index", id: teamId, label: team.name }, data: { purged, turnedOff } }, tx);
    return { purged, retentionDays: opts.turnOff ? null : team.indexRetentionDays };
  });
}
