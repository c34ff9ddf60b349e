// `index:status`: the search index's state, one team in detail or every team as a table (as an operator).
import { operatorActor } from "@/lib/auth/team-actor";
import { getIndexStatus } from "@/lib/call-index/status";
import type { IndexStatusDTO } from "@/lib/call-index/types";
import { listAllTeams } from "@/lib/teams/list-all-teams";
import type { Command } from "../command";
import { teamBySlug } from "./resolve";

export const TEAM_OPTION = { type: "string", required: true, placeholder: "<slug>", description: "Team slug" } as const;

/** "2026-12-07 14:32 UTC", or "-". */
export const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "-");
const retention = (s: IndexStatusDTO) => (s.retentionDays === null ? "off" : `${s.retentionDays} days`);
const budget = (s: IndexStatusDTO) => `${s.budget.usedThisMinute}/${s.budget.allowedPerMinute} this minute, ${s.budget.usedTotal} in all`;

function detail(slug: string, s: IndexStatusDTO): string[] {
  return [
    `Team:          ${slug}`,
    `State:         ${s.label}`,
    `               ${s.explanation}`,
    ...(s.error ? [`Last error:    ${s.error.message} (${when(s.error.at)}, ${s.error.failuresInARow} in a row)`] : []),
    ...(s.rebuildRequestedAt ? [`Rebuild:       requested ${when(s.rebuildRequestedAt)}; the next sync run deletes the index and starts again`] : []),
    `Calls indexed: ${s.callsIndexed}`,
    `Oldest call:   ${when(s.oldestCallAt)}`,
    `Newest call:   ${when(s.newestCallAt)}`,
    `Last sync:     ${when(s.lastSyncAt)}`,
    `Budget used:   ${budget(s)} (share ${s.budget.share} of ${s.budget.teamPerMinute} a minute)`,
    `Retention:     ${retention(s)}`,
  ];
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd());
}

export const indexStatus: Command = {
  name: "index:status",
  summary: "Show the search index's state: one team in detail, or every team as a table",
  options: { team: { ...TEAM_OPTION, required: false, description: "Team slug (omit for every team)" } },
  examples: ["npm run portal -- index:status", "npm run portal -- index:status --team acme"],
  async run(options, io) {
    if (typeof options.team === "string") {
      const team = await teamBySlug(options.team);
      for (const line of detail(team.slug, await getIndexStatus(operatorActor(team.id)))) io.out(line);
      return;
    }
    const rows = [["TEAM", "STATE", "CALLS", "OLDEST", "NEWEST", "LAST SYNC", "BUDGET", "RETENTION"]];
    for (const team of await listAllTeams()) {
      const s = await getIndexStatus(operatorActor(team.id));
      rows.push([team.slug, s.label, String(s.callsIndexed), when(s.oldestCallAt), when(s.newestCallAt), when(s.lastSyncAt), `${s.budget.usedThisMinute}/${s.budget.allowedPerMinute}`, retention(s)]);
    }
    if (rows.length === 1) io.out("No teams.");
    else for (const line of table(rows)) io.out(line);
  },
};

