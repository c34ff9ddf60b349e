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

/** Everything the aggregator keeps: counters and sums, nothing per call. */
type Tally = {
  total: number;
  groups: GroupCounts;
  statuses: Map<string, number>;
  answeredBy: { human: number; machine: number; unknown: number };
  durationSum: number;
  durationCalls: number;
  costUnits: number;
  costCalls: number;
  scoreSum: number;
  scoreCalls: number;
  days: Map<string, GroupCounts>;
  undated: number;
  sentiment: Map<string, number>;
  outcome: Map<string, number>;
  assistants: Map<string, Acc>;
  campaigns: Map<string, Acc>;
};

function emptyTally(): Tally {
  return {
    total: 0,
    groups: emptyGroups(),
    statuses: new Map(),
    answeredBy: { human: 0, machine: 0, unknown: 0 },
    durationSum: 0,
    durationCalls: 0,
    costUnits: 0,
    costCalls: 0,
    scoreSum: 0,
    scoreCalls: 0,
    days: new Map(),
    undated: 0,
    sentiment: new Map(),
    outcome: new Map(),
    assistants: new Map(),
    campaigns: new Map(),
  };
}

function accFor(map: Map<string, Acc>, key: string, id: number | null, label: string): Acc {
  let a = map.get(key);
  if (!a) {
    a = { id, label, calls: 0, completed: 0, durationSum: 0, durationCalls: 0, scoreSum: 0, scoreCalls: 0, costUnits: 0 };
    map.set(key, a);
  }
  return a;
}

/** A call's measures, each null when the call does not carry a usable value. */
type Measures = { group: StatusGroupId; duration: number | null; cost: number | null; score: number | null };

function addCall(t: Tally, call: AggregatableCall): void {
  t.total++;
  const group = statusGroupOf(call.status);
  t.groups[group]++;
  const st = call.status ?? "";
  t.statuses.set(st, (t.statuses.get(st) ?? 0) + 1);

  if (call.answered_by === "human") t.answeredBy.human++;
  else if (call.answered_by === "machine") t.answeredBy.machine++;
  else t.answeredBy.unknown++;

  const duration = typeof call.duration === "number" && Number.isFinite(call.duration) ? call.duration : null;
  if (duration !== null) {
    t.durationSum += duration;
    t.durationCalls++;
  }
  const cost = typeof call.total_cost === "number" && Number.isFinite(call.total_cost) ? Math.round(call.total_cost * MONEY) : null;
  if (cost !== null) {
    t.costUnits += cost;
    t.costCalls++;
  }
  const sc = score(call.evaluation);
  if (sc !== null) {
    t.scoreSum += sc;
    t.scoreCalls++;
  }

  const day = call.created_at ? DAY.exec(call.created_at)?.[1] : undefined;
  if (day) {
    let g = t.days.get(day);
    if (!g) t.days.set(day, (g = emptyGroups()));
    g[group]++;
  } else t.undated++;

  const sKey = text(call.evaluation?.sentiment) ?? "";
  t.sentiment.set(sKey, (t.sentiment.get(sKey) ?? 0) + 1);
  const oKey = text(call.evaluation?.outcome) ?? "";
  t.outcome.set(oKey, (t.outcome.get(oKey) ?? 0) + 1);
  addToBreakdowns(t, call, { group, duration, cost, score: sc });
}

/** Counts the call under its assistant and its campaign (by id, else by name, else unknown/none). */
function addToBreakdowns(t: Tally, call: AggregatableCall, m: Measures): void {
  const assistantId = typeof call.assistant_id === "number" ? call.assistant_id : null;
  const assistantName = text(call.assistant_name);
  const aKey = assistantId !== null ? `id:${assistantId}` : assistantName ? `name:${assistantName}` : "unknown";
  const campaignId = typeof call.campaign_id === "number" ? call.campaign_id : null;
  const campaignName = text(call.campaign_name);
  const cKey = campaignId !== null ? `id:${campaignId}` : campaignName ? `name:${campaignName}` : "none";
  for (const acc of [
    accFor(t.assistants, aKey, assistantId, assistantName ?? (assistantId !== null ? `Assistant ${assistantId}` : UNKNOWN_ASSISTANT)),
    accFor(t.campaigns, cKey, campaignId, campaignName ?? (campaignId !== null ? `Campaign ${campaignId}` : NO_CAMPAIGN)),
  ]) {
    acc.calls++;
    if (m.group === "completed") acc.completed++;
    if (m.duration !== null) {
      acc.durationSum += m.duration;
      acc.durationCalls++;
    }
    if (m.score !== null) {
      acc.scoreSum += m.score;
      acc.scoreCalls++;
    }
    if (m.cost !== null) acc.costUnits += m.cost;
  }
}

/** Every day with calls, and every day of the range (capped at about ten years). */
function perDayRows(days: Map<string, GroupCounts>, range: { from?: string; to?: string }): DayRow[] {
  const allDays = new Set(days.keys());
  if (range.from && range.to && range.from <= range.to) {
    for (let d = range.from, i = 0; d <= range.to && i < 3_700; d = addDays(d, 1), i++) allDays.add(d);
  }
  return [...allDays].sort().map((date) => {
    const g = days.get(date) ?? emptyGroups();
    return { date, total: STATUS_GROUP_IDS.reduce((s, k) => s + g[k], 0), ...g };
  });
}

function distribution(m: Map<string, number>): Distribution {
  return [...m]
    .map(([key, count]) => ({ key, label: key || NOT_EVALUATED, count }))
    .sort((a, b) => b.count - a.count || (a.key === "" ? 1 : b.key === "" ? -1 : a.key.localeCompare(b.key)));
}

function breakdownRows(m: Map<string, Acc>): BreakdownRow[] {
  return [...m]
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
}

function resultOf(t: Tally, range: { from?: string; to?: string }): AnalyticsData {
  const share = (n: number) => (t.total ? round(n / t.total, 6) : null);
  return {
    totalCalls: t.total,
    groups: { ...t.groups },
    statuses: [...t.statuses].map(([status, count]) => ({ status, count })).sort((a, b) => b.count - a.count || a.status.localeCompare(b.status)),
    shares: { completed: share(t.groups.completed), noAnswer: share(t.groups.no_answer), failed: share(t.groups.failed) },
    answeredBy: { ...t.answeredBy },
    duration: { totalSeconds: t.durationSum, averageSeconds: t.durationCalls ? round(t.durationSum / t.durationCalls, 2) : null, calls: t.durationCalls },
    cost: { total: t.costUnits / MONEY, average: t.costCalls ? round(t.costUnits / MONEY / t.costCalls, 4) : null, calls: t.costCalls },
    score: { average: t.scoreCalls ? round(t.scoreSum / t.scoreCalls, 2) : null, calls: t.scoreCalls },
    perDay: perDayRows(t.days, range),
    undated: t.undated,
    sentiment: distribution(t.sentiment),
    outcome: distribution(t.outcome),
    assistants: breakdownRows(t.assistants),
    campaigns: breakdownRows(t.campaigns),
  };
}

export function createAggregator(range: { from?: string; to?: string } = {}) {
  const t = emptyTally();
  return { add: (call: AggregatableCall): void => addCall(t, call), result: (): AnalyticsData => resultOf(t, range) };
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
