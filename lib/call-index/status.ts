// A team's call index as Settings → Search index and the CLI show it: its state (derived from
// CallIndexState, the team's retention and the rows), counts, dates and the sync's budget use.
import "server-only";
import { assertTeamScope, type TeamReader } from "@/lib/auth/team-actor";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { CallIndexState } from "@/lib/generated/prisma/client";
import { INDEX_STATUS_SCOPES } from "@/lib/rbac";
import type { IndexState, IndexStatusDTO } from "./types";

const DAY_MS = 86_400_000;
const WINDOW_MS = 60_000;
/** Calls per backfill page (WhatTalk's largest per_page), for progress by pages. */
const BACKFILL_PAGE_SIZE = 100;

type Rows = { count: number; oldest: Date | null; newest: Date | null; inWindow: number };

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const latest = (...dates: (Date | null)[]) => dates.reduce<Date | null>((a, b) => (b && (!a || b > a) ? b : a), null);

/** Whether the last failure is newer than the last success (then the index is failing). */
function isFailing(s: CallIndexState): boolean {
  return !!s.lastError && !!s.lastErrorAt && (!s.lastSuccessAt || s.lastErrorAt > s.lastSuccessAt);
}

/** Backfill progress: rows indexed in the window ÷ WhatTalk's total, or pages done ÷ pages; at most 99 until done. */
function progressOf(s: CallIndexState, rows: Rows): number | null {
  if (s.backfillTotal === null) return null;
  if (s.backfillTotal === 0) return 99;
  const byRows = rows.inWindow / s.backfillTotal;
  const byPages = (s.backfillPage - 1) / Math.ceil(s.backfillTotal / BACKFILL_PAGE_SIZE);
  return Math.min(99, Math.floor(100 * Math.max(byRows, byPages)));
}

function stateOf(retentionDays: number | null, s: CallIndexState | null, rows: Rows): IndexState {
  if (retentionDays === null) return "off";
  if (!s) return "not_started";
  if (s.paused) return "paused";
  if (isFailing(s)) return "failing";
  if (s.backfillDoneAt) return "up_to_date";
  if (s.backfillDateTo || s.lastSuccessAt || rows.count > 0) return "backfilling";
  return "not_started";
}

function describeState(state: IndexState, retentionDays: number | null, progress: number | null): { label: string; explanation: string } {
  const window = `the last ${retentionDays} days`;
  switch (state) {
    case "off":
      return { label: "Off", explanation: "The index is off: nothing is copied from WhatTalk and nothing is stored. Search and the index-only filters are unavailable until it is turned on." };
    case "not_started":
      return { label: "Not started", explanation: `The index has not synced yet. The background sync copies the team's calls of ${window} from WhatTalk, newest first, within its share of the request budget.` };
    case "paused":
      return { label: "Paused", explanation: "The sync is paused: the index keeps what it has but is not updated. Search still answers from it, with its age shown." };
    case "failing":
      return { label: "Failing", explanation: "The last sync runs failed; the sync backs off and tries again. Search answers from what the index has." };
    case "backfilling":
      return {
        label: progress === null ? "Backfilling" : `Backfilling ${progress} %`,
        explanation: `The index is copying the calls of ${window}, newest first. Search already works over what is copied.`,
      };
    case "up_to_date":
      return { label: "Up to date", explanation: `The index holds the calls of ${window} and syncs new and changed calls in the background.` };
  }
}

async function readRows(teamId: string, retentionDays: number | null, now: Date): Promise<Rows> {
  const cutoff = new Date(now.getTime() - (retentionDays ?? 0) * DAY_MS);
  const [agg, inWindow] = await Promise.all([
    db().indexedCall.aggregate({ where: { teamId }, _count: { _all: true }, _min: { createdAt: true }, _max: { createdAt: true } }),
    retentionDays === null ? 0 : db().indexedCall.count({ where: { teamId, createdAt: { gte: cutoff } } }),
  ]);
  return { count: agg._count._all, oldest: agg._min.createdAt, newest: agg._max.createdAt, inWindow };
}

/** The index's state for a member who may see it (owners, admins, supervisors) or an operator. */
export async function getIndexStatus(who: TeamReader, opts: { now?: Date } = {}): Promise<IndexStatusDTO> {
  const teamId = assertTeamScope(who, INDEX_STATUS_SCOPES);
  const now = opts.now ?? new Date();
  const [team, s] = await Promise.all([
    db().team.findUniqueOrThrow({ where: { id: teamId }, select: { indexRetentionDays: true } }),
    db().callIndexState.findUnique({ where: { teamId } }),
  ]);
  const rows = await readRows(teamId, team.indexRetentionDays, now);
  const state = stateOf(team.indexRetentionDays, s, rows);
  const progress = state === "backfilling" && s ? progressOf(s, rows) : null;
  const { label, explanation } = describeState(state, team.indexRetentionDays, progress);
  const e = env();
  const inWindow = s?.requestsWindowStart && now.getTime() - s.requestsWindowStart.getTime() < WINDOW_MS;
  return {
    state,
    label,
    explanation,
    progressPercent: progress,
    error: s && isFailing(s) ? { message: s.lastError!, at: s.lastErrorAt!.toISOString(), failuresInARow: s.failures } : null,
    paused: s?.paused ?? false,
    retentionDays: team.indexRetentionDays,
    callsIndexed: rows.count,
    oldestCallAt: iso(rows.oldest),
    newestCallAt: iso(rows.newest),
    lastSyncAt: iso(s ? latest(s.lastSuccessAt, s.lastIncrementalAt, s.lastRefreshAt) : null),
    reachesBackTo: state === "backfilling" ? iso(s?.reachesBackTo ?? rows.oldest) : null,
    rebuildRequestedAt: iso(s?.rebuildRequestedAt),
    budget: {
      usedThisMinute: inWindow ? s!.requestsInWindow : 0,
      usedTotal: s?.requestsTotal ?? 0,
      allowedPerMinute: Math.max(1, Math.floor(e.WHATTALK_TEAM_BUDGET_PER_MINUTE * e.INDEX_BUDGET_SHARE)),
      teamPerMinute: e.WHATTALK_TEAM_BUDGET_PER_MINUTE,
      share: e.INDEX_BUDGET_SHARE,
    },
  };
}
