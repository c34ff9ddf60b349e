// Pause / Resume of a team's index sync (CallIndexState.paused); the rows stay and search keeps answering.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { lockAndCheck, auditActorOf, type TeamActor } from "@/lib/auth/team-actor";
import { db } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { indexSettingsOf } from "./guard";

/** Pauses or resumes the sync (team:settings); audited when it changes. Answers whether it changed. */
export async function setIndexPaused(actor: TeamActor, paused: boolean): Promise<{ changed: boolean }> {
  const teamId = actor.teamId;
  return db().$transaction(async (tx) => {
    await lockAndCheck(tx, actor, "team:settings");
    const team = await indexSettingsOf(tx, actor);
    if (team.indexRetentionDays === null) throw conflict("The search index is off: turn it on (choose a retention) before pausing or resuming it.");
    const before = await tx.callIndexState.findUnique({ where: { teamId }, select: { paused: true } });
    if ((before?.paused ?? false) === paused) return { changed: false };
    await tx.callIndexState.upsert({ where: { teamId }, create: { teamId, paused }, update: { paused } });
    await recordAudit({ teamId, actor: auditActorOf(actor), action: paused ? "index.paused" : "index.resumed", target: { type: "index", id: teamId, label: team.name } }, tx);
    return { changed: true };
  });
}
