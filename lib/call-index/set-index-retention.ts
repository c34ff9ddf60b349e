// The index's retention: days of calls kept (1–3650), or off. Off deletes the team's indexed calls
// and sync state at once; a shorter window deletes the calls older than it at once.
import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { lockAndCheck, auditActorOf, type TeamActor } from "@/lib/auth/team-actor";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/validation/parse";
import { deleteIndexRows, indexSettingsOf } from "./guard";
import { RETENTION_DAYS_MESSAGE, RETENTION_MAX_DAYS, RETENTION_MIN_DAYS } from "./types";

const DAY_MS = 86_400_000;
const DAYS_MESSAGE = RETENTION_DAYS_MESSAGE;

export const indexRetentionSchema = z.object({
  retentionDays: z.number({ message: DAYS_MESSAGE }).int(DAYS_MESSAGE).min(RETENTION_MIN_DAYS, DAYS_MESSAGE).max(RETENTION_MAX_DAYS, DAYS_MESSAGE).nullable(),
});
export type IndexRetentionInput = z.input<typeof indexRetentionSchema>;

export type IndexRetentionResult = { retentionDays: number | null; changed: boolean; /** Indexed calls deleted by the change. */ purged: number };

/** Sets the retention (team:settings): 400 with field errors for bad input (nothing changes), audited when it changes. */
export async function setIndexRetention(actor: TeamActor, input: unknown, now = new Date()): Promise<IndexRetentionResult> {
  const { retentionDays } = parseOrThrow(indexRetentionSchema, input);
  const teamId = actor.teamId;
  return db().$transaction(async (tx) => {
    await lockAndCheck(tx, actor, "team:settings");
    const team = await indexSettingsOf(tx, actor);
    if (team.indexRetentionDays === retentionDays) return { retentionDays, changed: false, purged: 0 };
    let purged = 0;
    if (retentionDays === null) {
      purged = await deleteIndexRows(tx, teamId);
    } else if (team.indexRetentionDays === null || retentionDays < team.indexRetentionDays) {
      const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
      purged = (await tx.indexedCall.deleteMany({ where: { teamId, createdAt: { lt: cutoff } } })).count;
    }
    await tx.team.update({ where: { id: teamId }, data: { indexRetentionDays: retentionDays } });
    await recordAudit(
      { teamId, actor: auditActorOf(actor), action: "index.retention_changed", target: { type: "index", id: teamId, label: team.name }, data: { from: team.indexRetentionDays, to: retentionDays, purged } },
      tx,
    );
    return { retentionDays, changed: true, purged };
  });
}
