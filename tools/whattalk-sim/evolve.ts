// Lifecycles of live calls: initiated → ringing → in-progress → a final status after a realistic
// delay (content drawn like the history's, draft.ts), then for most answered calls an evaluation
// a few minutes later. Pure planning: activity.ts applies the steps when the clock reaches them.

import { makeCustomer, type Customer } from "./customers";
import { recordingUrl, type Call, type CallStatus, type CallType } from "./data";
import { buildDraft, type Draft } from "./draft";
import type { Random } from "./prng";
import { STATUS_WEIGHTS, type AccountSeed, type AssistantSeed, type CampaignSeed } from "./seeds";
import { DAY } from "./tz";

export const ANSWERED_STATUSES: ReadonlySet<CallStatus> = new Set(["completed", "ended", "ended_by_customer", "ended_by_assistant"]);
const LIVE_ORDER: readonly CallStatus[] = ["initiated", "ringing", "in-progress"];

/** One change of a call: `fields` are merged at instant `at` (which becomes its updated_at). */
export interface Step {
  at: number;
  fields: Record<string, unknown>;
  /**
   * The evaluation: it comes after the final step, by the world's evaluation delay at that moment
   * (min + fraction × (max − min)); `at` is then the final step's instant.
   */
  evaluationFraction?: number;
}

/** The delay of an evaluation with `fraction` under the delay range [min, max] (ms). */
export const evaluationDelay = (fraction: number, [min, max]: readonly [number, number]) => Math.round(min + fraction * (max - min));

export interface DraftInput {
  type: CallType;
  assistant: AssistantSeed;
  campaign: CampaignSeed | null;
  customer: Customer;
  /** created_at instant. */
  at: number;
  /** Only answered final statuses (the call is already in progress). */
  answeredOnly: boolean;
}

/** The finished call's content, drawn like a history call's (final status from the account's weights). */
export function finalDraft(r: Random, seedDef: AccountSeed, d: DraftInput): Draft {
  const weights = STATUS_WEIGHTS[d.type].filter(([s]) => !d.answeredOnly || ANSWERED_STATUSES.has(s));
  const status = r.weighted(weights);
  // "now" a year later: the draft is complete (evaluation and recording not pending).
  return buildDraft(r, seedDef, 0, 0, { ...d, status, now: d.at + 365 * DAY, live: false, stale: false });
}

export interface Timeline {
  id: number;
  type: CallType;
  /** created_at instant. */
  at: number;
  /** The call's status when planned. */
  from: CallStatus;
  /** No step before this instant (+1 s): when the planning happened. */
  start: number;
  baseUrl: string;
  /** Variables the call already has (kept); default the draft's. */
  variables?: Call["variables"];
}

const firstLines = (text: string | null, n: number) => (text ? text.split("\n").slice(0, n).join("\n") : text);
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** The steps from `t.from` to the final status of `draft` (and its evaluation), in time order. */
export function planSteps(r: Random, draft: Draft, t: Timeline): Step[] {
  const c = draft.call;
  const answered = ANSWERED_STATUSES.has(c.status);
  // Every random draw up front, so clamping never changes the sequence.
  const ringSec = r.int(2, 8);
  const answerSec = r.int(3, 20);
  const missSec = c.status === "no-answer" ? r.int(20, 45) : c.status === "busy" ? r.int(1, 4) : r.int(0, 3);
  const processSec = r.int(2, 15);
  const graceSec = r.int(15, 240);
  const evaluationFraction = r.float();

  const steps: Step[] = [];
  let prev = t.start;
  // A step never comes before the planning, and keeps at least its natural gap after the previous one.
  const push = (at: number, fields: Record<string, unknown>, gapMs = 1000) => {
    const when = Math.max(at, prev + gapMs);
    prev = when;
    steps.push({ at: when, fields });
  };
  const pos = LIVE_ORDER.indexOf(t.from);
  const ringAt = t.type === "web" ? t.at : t.at + ringSec * 1000;
  if (pos < 1 && t.type !== "web") push(ringAt, { status: "ringing" }, ringSec * 1000);

  const final: Record<string, unknown> = {
    status: c.status,
    duration: c.duration,
    transcript: c.transcript,
    variables: t.variables !== undefined ? t.variables : c.variables,
    evaluation: null,
    webhook_response: c.webhook_response,
    carrier_cost: c.carrier_cost,
    total_cost: c.total_cost,
    answered_by: c.answered_by,
    recording_url: draft.hasRecording ? recordingUrl(t.baseUrl, t.id) : null,
  };
  if (!answered) {
    push(ringAt + missSec * 1000, final, Math.max(1000, missSec * 1000));
    return steps;
  }
  const answerAt = ringAt + answerSec * 1000;
  if (pos < 2) push(answerAt, { status: "in-progress", duration: 0, answered_by: c.answered_by, transcript: firstLines(c.transcript, 2) }, answerSec * 1000);
  const answeredAt = pos < 2 ? prev : answerAt;
  const planned = c.duration ?? 0;
  // A call already in progress when planned goes on for a little while longer.
  const endAt = Math.max(answeredAt + planned * 1000, t.start + graceSec * 1000);
  const duration = Math.max(1, Math.round((endAt - answeredAt) / 1000));
  if (duration !== planned && planned > 0) {
    const k = duration / planned;
    final.duration = duration;
    if (typeof c.carrier_cost === "number") final.carrier_cost = round4(c.carrier_cost * k);
    if (typeof c.total_cost === "number") final.total_cost = round4(c.total_cost * k);
  }
  push(endAt + processSec * 1000, final);
  if (c.evaluation !== null) steps.push({ at: prev, fields: { evaluation: c.evaluation }, evaluationFraction });
  return steps;
}

/** The assistant, campaign and customer of an existing call, as far as the account's seed knows them. */
function partiesOf(r: Random, seedDef: AccountSeed, call: Call): Pick<DraftInput, "assistant" | "campaign" | "customer"> {
  const assistant =
    seedDef.assistants.find((a) => a.id === call.assistant_id) ?? seedDef.assistants.find((a) => a.id === seedDef.byType[call.type][0][0])!;
  const campaign = seedDef.campaigns.find((c) => c.id === call.campaign_id) ?? null;
  const made = makeCustomer(r, seedDef.customerMix, seedDef.region);
  const name = call.variables?.customer_name;
  const phone = call.client_phone_number ?? made.phone;
  const customer = typeof name === "string" && name ? { ...made, name, first: name.split(" ")[0], phone } : { ...made, phone };
  return { assistant, campaign, customer };
}

/** The plan of a live call that exists already (e.g. the generated ones before the anchor). */
export function planExisting(r: Random, seedDef: AccountSeed, call: Call, at: number, t: Omit<Timeline, "id" | "type" | "at" | "from" | "variables">): Step[] {
  const draft = finalDraft(r, seedDef, { type: call.type, ...partiesOf(r, seedDef, call), at, answeredOnly: call.status === "in-progress" });
  return planSteps(r, draft, { ...t, id: call.id, type: call.type, at, from: call.status, variables: call.variables });
}
