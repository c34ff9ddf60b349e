// `audit:purge`: deletes the audit rows of teams deleted more than AUDIT_RETENTION_DAYS ago (each
// running instance also does this at start-up and daily).
import { purgeDetachedAuditEvents } from "@/lib/audit/purge";
import type { Command } from "../command";

export const auditPurge: Command = {
  name: "audit:purge",
  summary: "Delete the audit rows of teams deleted more than AUDIT_RETENTION_DAYS (default 365) days ago",
  options: {
    "dry-run": { type: "boolean", description: "Only count the rows that would be deleted" },
  },
  examples: ["npm run portal -- audit:purge --dry-run", "AUDIT_RETENTION_DAYS=730 npm run portal -- audit:purge"],
  async run(options, io) {
    const dryRun = options["dry-run"] === true;
    const r = await purgeDetachedAuditEvents({ dryRun });
    const what = `audit rows of teams deleted before ${r.cutoff.toISOString()} (AUDIT_RETENTION_DAYS=${r.retentionDays})`;
    io.out(dryRun ? `Would delete ${r.purged} ${what}.` : `Deleted ${r.purged} ${what}.`);
  },
};
