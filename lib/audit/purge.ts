import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

const DAY_MS = 24 * 60 * 60 * 1000;

export type AuditPurgeResult = { purged: number; cutoff: Date; retentionDays: number };

/**
 * Deletes the audit rows of teams deleted more than AUDIT_RETENTION_DAYS ago. Rows of existing teams
 * are never touched. Safe to run anywhere, any number of times (every instance runs it daily, and
 * `npm run portal -- audit:purge` on demand). `dryRun` counts without deleting.
 */
export async function purgeDetachedAuditEvents(options: { now?: Date; dryRun?: boolean } = {}): Promise<AuditPurgeResult> {
  const retentionDays = env().AUDIT_RETENTION_DAYS;
  const cutoff = new Date((options.now ?? new Date()).getTime() - retentionDays * DAY_MS);
  const where = { teamId: null, detachedAt: { lt: cutoff } };
  const purged = options.dryRun ? await db().auditEvent.count({ where }) : (await db().auditEvent.deleteMany({ where })).count;
  return { purged, cutoff, retentionDays };
}

/**
 * Runs the purge now and then every `everyMs` (default daily) in this process, logging each run.
 * The timers do not keep the process alive. Returns a function that stops them.
 */
export function scheduleAuditPurge(log: { info: (o: object, m: string) => void; warn: (o: object, m: string) => void }, everyMs = DAY_MS): () => void {
  const run = () =>
    purgeDetachedAuditEvents().then(
      (r) => log.info({ module: "audit", purged: r.purged, retentionDays: r.retentionDays, cutoff: r.cutoff.toISOString() }, "audit rows of deleted teams purged"),
      (error: unknown) => log.warn({ module: "audit", err: { message: (error as Error)?.message } }, "audit purge failed; retrying at the next run"),
    );
  const first = setTimeout(run, 0);
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
