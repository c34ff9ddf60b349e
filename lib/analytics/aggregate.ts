// The analytics numbers from a list of calls. Pure and streaming: `createAggregator().add(call)`
// for each call as pages arrive (nothing is kept per call), `result()` at the end. Money is summed
// in ten-thousandths (WhatTalk reports 4 decimals) so totals are exact, not float drift.
// Safe for client bundles.
import { NO_CAMPAIGN, NOT_EVALUATED, STATUS_GROUP_IDS, UNKNOWN_ASSISTANT, statusGroupOf, type StatusGroupId } from "./definitions";

/** The fields of a WhatTalk call the analytics read. */
export type AggregatableCall = {
  id: number;
  status?: string | null;
  created_at?: string | null;
  duration?: number | null;
  answered_by?: string | null;
  total_cost?: number | null;
  evaluation?: Record<string, unknown> | null;
  assistant_id?: number | null;
  assistant_name?: string | null;
  campaign_id?: number | null;
  campaign_name?: string | null;
};

export type GroupCounts = Record<StatusGroupId, number>;

export type BreakdownRow = {
  key: string;
  id: number | null;
  label: string;
  calls: number;
  completed: number;
  /** completed ÷ calls (0..1). */
  completionRate: number;
  averageDurationSeconds: number | null;
  averageScore: number | null;
  /** Null when the member may not see costs. */
  totalCost: number | null;
};

export type Distribution = { key: string; label: string; count: number }[];

export type DayRow = { date: string; total: number } & GroupCounts;

export type AnalyticsData = {
  totalCalls: number;
  groups: GroupCounts;
  /** Every status seen, most frequent first ("" for calls without one). */
  statuses: { status: string; count: number }[];
  /** Shares of all calls (0..1), null when there are no calls. */
  shares: { completed: number | null; noAnswer: number | null; failed: number | null };
  answeredBy: { human: number; machine: number; unknown: number };
  duration: { totalSeconds: number; averageSeconds: number | null; calls: number };
  /** Null when the member may not see costs. */
  cost: { total: number; average: number | null; calls: number } | null;
  score: { average: number | null; calls: number };
  /** Calls per day (the team's time zone: WhatTalk's wall clock), every day of the range. */
  perDay: DayRow[];
  /** Calls without a readable created_at (not in perDay). */
  undated: number;
  sentiment: Distribution;
  outcome: Distribution;
  assistants: BreakdownRow[];
  campaigns: BreakdownRow[];
};

const emptyGroups = (): GroupCounts => Object.fromEntries(STATUS_GROUP_IDS.map((g) => [g, 0])) as GroupCounts;
const DAY = /^(\d{4}-\d{2}-\d{2})/;
const MONEY = 10_000;

const round = (n: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

type Acc = { id: number | null; label: string; calls: number; completed: number; durationSum: number; durationCalls: number; scoreSum: number; scoreCalls: number; costUnits: number };

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function score(ev: Record<string, unknown> | null | undefined): number | null {
  const s = ev?.score;
  return typeof s === "number" && Number.isFinite(s) ? s : null;
}

function text(v: unknown): string | null {
  return typeof v === "string" && v.trim() !== "" ? v : null;
}

export function createAggregator(range: { from?: string; to?: string } = {}) {
  let total = 0;
  const groups = emptyGroups();
  const statuses = new Map<string, number>();
  const answeredBy = { human: 0, machine: 0, unknown: 0 };
  let durationSum = 0;
  let durationCalls = 0;
  let costUnits = 0;
  let costCalls = 0;
  let scoreSum = 0;
  let scoreCalls = 0;
  const days = new Map<string, GroupCounts>();
  let undated = 0;
  const sentiment = new Map<string, number>();
  const outcome = new Map<string, number>();
  const assistants = new Map<string, Acc>();
  const campaigns = new Map<string, Acc>();

  const accFor = (map: Map<string, Acc>, key: string, id: number | null, label: string) => {
    let a = map.get(key);
    if (!a) {
      a = { id, label, calls: 0, completed: 0, durationSum: 0, durationCalls: 0, scoreSum: 0, scoreCalls: 0, costUnits: 0 };
      map.set(key, a);
    }
    return a;
  };

  function add(call: AggregatableCall): void {
    total++;
    const group = statusGroupOf(call.status);
    groups[group]++;
    const st = call.status ?? "";
    statuses.set(st, (statuses.get(st) ?? 0) + 1);

    if (call.answered_by === "human") answeredBy.human++;
    else if (call.answered_by === "machine") answeredBy.machine++;
    else answeredBy.unknown++;

    const duration = typeof call.duration === "number" && Number.isFinite(call.duration) ? call.duration : null;
    if (duration !== null) {
      durationSum += duration;
      durationCalls++;
    }
    const cost = typeof call.total_cost === "number" && Number.isFinite(call.total_cost) ? Math.round(call.total_cost * MONEY) : null;
    if (cost !== null) {
      costUnits += cost;
      costCalls++;
    }
    const sc = score(call.evaluation);
    if (sc !== null) {
      scoreSum += sc;
      scoreCalls++;
    }

    const day = call.created_at ? DAY.exec(call.created_at)?.[1] : undefined;
    if (day) {
      let g = days.get(day);
      if (!g) days.set(day, (g = emptyGroups()));
      g[group]++;
    } else undated++;

    const sKey = text(call.evaluation?.sentiment) ?? "";
    sentiment.set(sKey, (sentiment.get(sKey) ?? 0) + 1);
    const oKey = text(call.evaluation?.outcome) ?? "";
    outcome.set(oKey, (outcome.get(oKey) ?? 0) + 1);

    const assistantId = typeof call.assistant_id === "number" ? call.assistant_id : null;
    const assistantName = text(call.assistant_name);
    const aKey = assistantId !== null ? `id:${assistantId}` : assistantName ? `name:${assistantName}` : "unknown";
    const campaignId = typeof call.campaign_id === "number" ? call.campaign_id : null;
    const campaignName = text(call.campaign_name);
    const cKey = campaignId !== null ? `id:${campaignId}` : campaignName ? `name:${campaignName}` : "none";
    for (const acc of [
      accFor(assistants, aKey, assistantId, assistantName ?? (assistantId !== null ? `Assistant ${assistantId}` : UNKNOWN_ASSISTANT)),
      accFor(campaigns, cKey, campaignId, campaignName ?? (campaignId !== null ? `Campaign ${campaignId}` : NO_CAMPAIGN)),
    ]) {
      acc.calls++;
      if (group === "completed") acc.completed++;
      if (duration !== null) {
        acc.durationSum += duration;
        acc.durationCalls++;
      }
      if (sc !== null) {
        acc.scoreSum += sc;
        acc.scoreCalls++;
      }
      if (cost !== null) acc.costUnits += cost;
    }
  }

  function result(): AnalyticsData {
    const share = (n: number) => (total ? round(n / total, 6) : null);
    const allDays = new Set(days.keys());
    if (range.from && range.to && range.from <= range.to) {
      for (let d = range.from, i = 0; d <= range.to && i < 3_700; d = addDays(d, 1), i++) allDays.add(d);
    }
    const perDay = [...allDays].sort().map((date) => {
      const g = days.get(date) ?? emptyGroups();
      return { date, total: STATUS_GROUP_IDS.reduce((s, k) => s + g[k], 0), ...g };
    });
    const distribution = (m: Map<string, number>): Distribution =>
      [...m]
        .map(([key, count]) => ({ key, label: key || NOT_EVALUATED, count }))
        .sort((a, b) => b.count - a.count || (a.key === "" ? 1 : b.key === "" ? -1 : a.key.localeCompare(b.key)));
    const rows = (m: Map<string, Acc>): BreakdownRow[] =>
      [...m]
        .map(([key, a]) => ({
          key,
          id: a.id,
          label: a.label,
          calls: a.calls,
          completed: a.completed,
          completionRate: a.calls ? round(a.completed / a.calls, 6) : 0,
          averageDurationSeconds: a.durationCalls ? round(a.durationSum / a.durationCalls, 2) : null,
          averageScore: a.scoreCalls ? round(a.scoreSum / a.scoreCalls, 2) : null,
          totalCost: a.costUnits / MONEY,
        }))
        .sort((a, b) => b.calls - a.calls || a.label.localeCompare(b.label));
    return {
      totalCalls: total,
      groups: { ...groups },
      statuses: [...statuses].map(([status, count]) => ({ status, count })).sort((a, b) => b.count - a.count || a.status.localeCompare(b.status)),
      shares: { completed: share(groups.completed), noAnswer: share(groups.no_answer), failed: share(groups.failed) },
      answeredBy: { ...answeredBy },
      duration: { totalSeconds: durationSum, averageSeconds: durationCalls ? round(durationSum / durationCalls, 2) : null, calls: durationCalls },
      cost: { total: costUnits / MONEY, average: costCalls ? round(costUnits / MONEY / costCalls, 4) : null, calls: costCalls },
      score: { average: scoreCalls ? round(scoreSum / scoreCalls, 2) : null, calls: scoreCalls },
      perDay,
      undated,
      sentiment: distribution(sentiment),
      outcome: distribution(outcome),
      assistants: rows(assistants),
      campaigns: rows(campaigns),
    };
  }

  return { add, result };
}

/** The analytics of a list of calls (the whole computation in one call: for tests and small lists). */
export function aggregateCalls(calls: Iterable<AggregatableCall>, range: { from?: string; to?: string } = {}): AnalyticsData {
  const agg = createAggregator(range);
  for (const c of calls) agg.add(c);
  return agg.result();
}

/** The same numbers without any cost (for roles without `calls:costs`). */
export function withoutCosts(data: AnalyticsData): AnalyticsData {
  const strip = (r: BreakdownRow): BreakdownRow => ({ ...r, totalCost: null });
  return { ...data, cost: null, assistants: data.assistants.map(strip), campaigns: data.campaigns.map(strip) };
}
