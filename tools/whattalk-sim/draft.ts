// One generated call ("draft"): every random decision drawn up front, then its course, transcript,
// evaluation, variables, webhook response, costs and timestamps.

import type { Customer } from "./customers";
import { OUTCOMES, TRICKY_NOTES, buildTranscript } from "./transcripts";
import type { Call, CallStatus, CallType, JsonObject } from "./types";
import type { Random } from "./prng";
import type { AccountSeed, AssistantSeed, CampaignSeed } from "./seeds";
import { DAY, MINUTE, formatInZone } from "./tz";

const ANSWERED: ReadonlySet<CallStatus> = new Set(["completed", "ended", "ended_by_customer", "ended_by_assistant"]);

export interface Draft {
  account: number;
  seq: number;
  at: number;
  updatedAt: number;
  hasRecording: boolean;
  call: Omit<Call, "id" | "recording_url" | "created_at" | "updated_at">;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const round1 = (x: number) => Math.round(x * 10) / 10;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export interface CallShape {
  type: CallType;
  status: CallStatus;
  assistant: AssistantSeed;
  campaign: CampaignSeed | null;
  customer: Customer;
  at: number;
  /** Instant the "now" of the data (for ageing: no evaluation / recording yet). */
  now: number;
  /** In a live status (initiated / ringing / in-progress). */
  live: boolean;
  /** Stuck in a live status for days. */
  stale: boolean;
}

/** Every random decision of one call, drawn up front so the sequence never depends on the anchor. */
function drawRolls(r: Random, s: CallShape) {
  return {
    answeredBy: r.float(),
    durationGauss: r.gauss(),
    long: r.chance(0.012),
    dropped: r.chance(0.015),
    style: r.float(),
    arabic: r.chance(s.customer.lang === "ar" ? 0.6 : 0.01),
    middleTurns: r.int(1, 6),
    targetLong: 20_500 + r.int(0, 15_000),
    outcome: r.weighted(OUTCOMES[s.assistant.kind]),
    eval: r.float(),
    evalExtra: r.float(),
    sentiment: r.float(),
    score: r.float(),
    pendingEval: r.chance(0.6),
    recording: r.float(),
    pendingRecording: r.chance(0.5),
    vars: r.float(),
    tricky: r.float(),
    webhook: r.float(),
    withheld: r.float(),
    processingSec: r.int(2, 15),
    evalDelaySec: r.int(20, 240),
    followUpDays: r.int(1, 14),
    appointmentHour: r.int(9, 17),
    appointmentMinute: r.pick([0, 15, 30, 45]),
    ticket: r.digits(6),
    crmId: Math.floor(r.float() * 0xffffffff).toString(16).padStart(8, "0"),
    trickyIndex: r.int(0, 99),
  };
}

type Rolls = ReturnType<typeof drawRolls>;

/** What the rolls and the shape decide about the call's course. */
interface Course {
  answered: boolean;
  voicemail: boolean;
  long: boolean;
  answeredBy: "human" | "machine" | null;
  /** Seconds. */
  duration: number | null;
  apptDate: string;
}

function answeredByOf({ type, status }: CallShape, answered: boolean, roll: number): "human" | "machine" | null {
  if (answered) {
    if (type === "outbound") return roll < 0.84 ? "human" : roll < 0.96 ? "machine" : null;
    if (type === "inbound") return roll < 0.9 ? "human" : null;
    return null;
  }
  if (status === "in-progress" && type === "outbound") return roll < 0.7 ? "human" : null;
  return null;
}

function courseOf(seedDef: AccountSeed, s: CallShape, rolls: Rolls): Course {
  const answered = ANSWERED.has(s.status);
  const answeredBy = answeredByOf(s, answered, rolls.answeredBy);
  const voicemail = answeredBy === "machine";
  const g = rolls.durationGauss;
  let duration: number | null = 0;
  const long = answered && !voicemail && rolls.long;
  if (answered) {
    if (voicemail) duration = 12 + Math.floor(Math.abs(g) * 12);
    else if (long) duration = 1500 + Math.floor(Math.abs(g) * 900);
    else if (rolls.dropped) duration = 1 + Math.floor(Math.abs(g) * 2) % 4; // line dropped at once
    else duration = clamp(Math.round(Math.exp(Math.log(95) + 0.75 * g)), 2, 1400);
  } else if (s.status === "in-progress") {
    duration = s.live && !s.stale ? Math.max(1, Math.floor((s.now - s.at) / 1000)) : 0;
  }
  const apptDate = formatInZone(s.at + rolls.followUpDays * DAY, seedDef.timeZone).slice(0, 10);
  return { answered, voicemail, long, answeredBy, duration, apptDate };
}

function transcriptOf(r: Random, seedDef: AccountSeed, s: CallShape, rolls: Rolls, c: Course): string | null {
  const { status, assistant } = s;
  if (!c.answered && status !== "in-progress") return null;
  if (c.answered && (c.duration ?? 0) < 5 && !c.voicemail) return "";
  const apptTime = `${String(rolls.appointmentHour).padStart(2, "0")}:${String(rolls.appointmentMinute).padStart(2, "0")}`;
  const style = rolls.style < 0.8 ? "ai-user" : rolls.style < 0.96 ? "assistant-customer" : "prose";
  return buildTranscript(
    r,
    { customer: s.customer, persona: assistant.persona, company: seedDef.company, lang: assistant.language, kind: assistant.kind, outcome: rolls.outcome, date: c.apptDate, time: apptTime },
    {
      style: c.long && style === "prose" ? "ai-user" : style,
      voicemail: c.voicemail,
      long: c.long,
      arabicDetour: rolls.arabic && !c.voicemail,
      ending: status === "in-progress" ? "partial" : status === "ended_by_customer" ? "customer" : status === "ended_by_assistant" ? "assistant" : "complete",
      middleTurns: c.long ? 6 : rolls.middleTurns,
      targetLongLength: rolls.targetLong,
    },
  );
}

function sentimentOf(outcome: string, roll: number): "positive" | "neutral" | "negative" {
  const positive = ["qualified_lead", "appointment_booked", "resolved", "information_provided"].includes(outcome);
  const negative = ["not_interested", "wrong_number"].includes(outcome);
  if (positive) return roll < 0.7 ? "positive" : roll < 0.95 ? "neutral" : "negative";
  if (negative) return roll < 0.5 ? "negative" : roll < 0.9 ? "neutral" : "positive";
  return roll < 0.25 ? "positive" : roll < 0.85 ? "neutral" : "negative";
}

function evaluationOf(s: CallShape, rolls: Rolls, c: Course): JsonObject | null {
  const recent = s.now - s.at < 2 * 3_600_000;
  if (!c.answered || (recent && rolls.pendingEval)) return null;
  if (rolls.eval < 0.05) return null;
  if (rolls.eval < 0.08) return {};
  const lang = s.assistant.language;
  const finalOutcome = c.voicemail ? "voicemail" : rolls.outcome;
  const sentiment = sentimentOf(finalOutcome, rolls.sentiment);
  const [lo, hi] = sentiment === "positive" ? [6.5, 10] : sentiment === "neutral" ? [4, 7.5] : [0, 4.5];
  const score = round1(lo + rolls.score * (hi - lo));
  if (rolls.eval < 0.1) return { sentiment };
  const evaluation: JsonObject = { sentiment, outcome: finalOutcome, score };
  if (rolls.evalExtra < 0.2) {
    evaluation.summary = lang === "tr" ? "Müşteri ilgili, fiyat konusunda tereddütlü; takip önerilir." : lang === "de" ? "Kunde interessiert, Rückruf empfohlen." : "Customer interested; follow-up recommended.";
    evaluation.tags = rolls.evalExtra < 0.1 ? ["fiyat", "takip"] : [];
  }
  return evaluation;
}

function variablesOf(s: CallShape, rolls: Rolls, c: Course): JsonObject | null {
  const { customer, assistant } = s;
  const lang = assistant.language;
  const { vars, ticket, trickyIndex } = rolls;
  if (vars < 0.04) return null;
  if (vars < 0.12) return {};
  const v: JsonObject = { customer_name: customer.name };
  if (assistant.kind === "sales" || assistant.kind === "appointment") {
    v.city = customer.city;
    v.interest_level = vars < 0.4 ? "high" : vars < 0.7 ? "medium" : "low";
    v.follow_up_date = c.apptDate;
    if (vars > 0.8) v.card_limit = 25000;
    if (vars > 0.9) v.consent_recorded = true;
  } else if (assistant.kind === "support") {
    v.ticket_id = `TCK-${ticket}`;
    v.issue_category = lang === "tr" ? ["fatura", "internet", "adres değişikliği"][trickyIndex % 3] : ["billing", "outage", "appointment"][trickyIndex % 3];
    if (vars > 0.85) v.order_id = `000${ticket.slice(0, 3)}`;
  } else {
    v.source = "web_widget";
    v.page_url = "https://example.com/fiyatlar?utm_source=google&utm_campaign=kış_kampanyası";
    if (vars > 0.6) v.utm = { source: "google", medium: "cpc", campaign: "kış-kampanyası" };
    if (vars > 0.8) v.tags = ["vip", "yeni_müşteri"];
  }
  if (rolls.tricky < 0.15) {
    const notes = TRICKY_NOTES[lang];
    v.notes = notes[trickyIndex % notes.length];
  }
  return v;
}

function webhookOf(s: CallShape, rolls: Rolls, c: Course): JsonObject | null {
  const { status } = s;
  const roll = rolls.webhook;
  const { crmId } = rolls;
  if (s.live && status !== "in-progress") return null;
  if (!c.answered) return roll < 0.7 ? null : { status: "skipped", reason: status === "in-progress" ? "call in progress" : "call not answered" };
  if (roll < 0.1) return null;
  if (roll < 0.18) return {};
  if (roll < 0.8) return { status: "success", data: { crm_contact_id: crmId } };
  if (roll < 0.88) return { status: "success", data: { crm_contact_id: crmId, tags: ["ai-call", s.assistant.language], deal: { id: Number(rolls.ticket), stage: "qualified" } } };
  if (roll < 0.95) return { status: "error", http_status: 504, message: "CRM timeout after 10s" };
  return { status: "skipped", reason: "no webhook configured" };
}

/** The carrier and total costs (USD); null for failed and live calls. */
function costsOf(seedDef: AccountSeed, s: CallShape, c: Course, client: string | null): { carrier: number | null; total: number | null } {
  if (s.status === "failed" || s.live) return { carrier: null, total: null };
  const minutes = (c.duration ?? 0) / 60;
  const rate = client && !client.startsWith(seedDef.region === "tr" ? "+90" : seedDef.region === "de" ? "+49" : "+1") ? 0.03 : seedDef.carrierRate;
  const carrier = s.type === "web" ? null : round4(minutes * rate);
  return { carrier, total: round4((carrier ?? 0) + minutes * 0.07) };
}

/** End of call plus processing (evaluation takes longer); never after "now". */
function updatedAtOf(s: CallShape, rolls: Rolls, c: Course, evaluated: boolean): number {
  if (s.live && !(s.status === "in-progress" && !s.stale)) return s.at;
  let updatedAt = s.at + (c.duration ?? 0) * 1000 + (evaluated ? rolls.evalDelaySec : rolls.processingSec) * 1000;
  if (s.live) updatedAt = s.now - 2000;
  return Math.max(s.at, Math.min(updatedAt, s.now));
}

export function buildDraft(r: Random, seedDef: AccountSeed, accountIndex: number, seq: number, s: CallShape): Draft {
  const { type, status, assistant, customer } = s;
  const rolls = drawRolls(r, s);
  const c = courseOf(seedDef, s, rolls);
  const transcript = transcriptOf(r, seedDef, s, rolls, c);
  const evaluation = evaluationOf(s, rolls, c);

  let client: string | null = customer.phone;
  if (type === "web") client = rolls.withheld < 0.1 ? customer.phone : null;
  else if (type === "inbound" && rolls.withheld < 0.005) client = null;
  const { carrier, total } = costsOf(seedDef, s, c, client);

  const recentEnd = s.now - (s.at + (c.duration ?? 0) * 1000) < 10 * MINUTE;
  const hasRecording = c.answered && (c.duration ?? 0) > 0 && rolls.recording < 0.92 && !(recentEnd && rolls.pendingRecording);

  return {
    account: accountIndex,
    seq,
    at: s.at,
    updatedAt: updatedAtOf(s, rolls, c, evaluation !== null),
    hasRecording,
    call: {
      assistant_name: assistant.name,
      campaign_name: s.campaign?.name ?? null,
      type,
      duration: c.duration,
      assistant_phone_number: type === "web" ? null : assistant.phone,
      client_phone_number: client,
      status,
      transcript,
      variables: variablesOf(s, rolls, c),
      evaluation,
      webhook_response: webhookOf(s, rolls, c),
      carrier_cost: carrier,
      total_cost: total,
      answered_by: c.answeredBy,
      assistant_id: assistant.id,
      campaign_id: s.campaign?.id ?? null,
    },
  };
}
