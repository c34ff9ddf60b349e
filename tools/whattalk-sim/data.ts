// Deterministic WhatTalk demo data: three accounts with assistants, phone numbers, campaigns and
// calls, from a seeded PRNG. How time works: docs/design-notes.md.

import { Random } from "./prng";
import {
  OUTCOMES,
  TRICKY_NOTES,
  buildTranscript,
  makeCustomer,
  type Customer,
  type Lang,
  type Region,
  type ScenarioKind,
} from "./content";
import { formatInZone, zonedToEpoch } from "./tz";

export const CALL_STATUSES = [
  "initiated",
  "ringing",
  "busy",
  "in-progress",
  "ended",
  "completed",
  "ended_by_customer",
  "ended_by_assistant",
  "no-answer",
  "failed",
] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const CALL_TYPES = ["inbound", "outbound", "web"] as const;
export type CallType = (typeof CALL_TYPES)[number];

export const LIVE_STATUSES: readonly CallStatus[] = ["initiated", "ringing", "in-progress"];

export const DEMO_KEYS = {
  alpha: "wt_demo_alpha",
  beta: "wt_demo_beta",
  gamma: "wt_demo_gamma",
} as const;
export type AccountSlug = keyof typeof DEMO_KEYS;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };
export type JsonObject = { [k: string]: JsonValue };

/** A call as the API returns it (documented fields in documented order, then assistant_id, campaign_id). */
export interface Call {
  id: number;
  assistant_name: string | null;
  campaign_name: string | null;
  type: CallType;
  duration: number | null;
  assistant_phone_number: string | null;
  client_phone_number: string | null;
  status: CallStatus;
  transcript: string | null;
  variables: JsonObject | null;
  evaluation: JsonObject | null;
  webhook_response: JsonObject | null;
  carrier_cost: number | null;
  total_cost: number | null;
  answered_by: "human" | "machine" | null;
  recording_url: string | null;
  created_at: string;
  updated_at: string;
  assistant_id: number | null;
  campaign_id: number | null;
}

export interface Assistant {
  id: number;
  name: string;
  type: "inbound" | "outbound";
  language: string;
  voice: string;
  model: string;
  first_message: string;
  phone_number: string | null;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export interface PhoneNumber {
  id: number;
  phone_number: string;
  assistant_id: number | null;
  type: "inbound" | "outbound";
}

export interface Campaign {
  id: number;
  name: string;
  assistant_id: number;
}

export interface SimAccount {
  slug: AccountSlug;
  key: string;
  name: string;
  timeZone: string;
  assistants: readonly Assistant[];
  campaigns: readonly Campaign[];
  phoneNumbers: readonly PhoneNumber[];
  /** Newest first: created_at instant descending, then id descending (the API's order). */
  calls: readonly Call[];
}

export interface Dataset {
  /** ISO instant the history is anchored to. */
  anchor: string;
  /** ISO instant the live calls are anchored to. */
  liveAnchor: string;
  /** Base URL used in recording_url (`<baseUrl>/recordings/calls/<id>.wav`). */
  baseUrl: string;
  accounts: readonly SimAccount[];
}

export interface GenerateOptions {
  /** Default: the end of the current UTC day (see defaultAnchor). */
  anchor?: Date | string | number;
  /** Default: the anchor. */
  liveAnchor?: Date | string | number;
  /** Default: http://127.0.0.1:4010 */
  baseUrl?: string;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const HISTORY_DAYS = 90;
const FIRST_CALL_ID = 10_001;

/** End of the current UTC day (23:59:59 UTC): stable within a day, always recent. */
export function defaultAnchor(now: number = Date.now()): Date {
  const d = new Date(now);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 23, 59, 59));
}

/** Parses an anchor option; throws on an invalid value. Truncated to whole seconds. */
export function parseInstant(value: Date | string | number, what = "anchor"): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === "number" ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new Error(`Invalid ${what}: ${String(value)} (expected an ISO timestamp)`);
  return Math.floor(ms / 1000) * 1000;
}

export function recordingUrl(baseUrl: string, id: number): string {
  return `${baseUrl.replace(/\/+$/, "")}/recordings/calls/${id}.wav`;
}

const INSTANTS = new WeakMap<Call, number>();

/**
 * The instant (ms) of a call's created_at. Exact for generated calls (also in the repeated hour
 * of an autumn DST change); other calls are converted from their local created_at.
 */
export function callInstant(call: Call, timeZone: string): number {
  return INSTANTS.get(call) ?? zonedToEpoch(call.created_at, timeZone);
}

export function accountForKey(dataset: Dataset, key: string): SimAccount | undefined {
  return dataset.accounts.find((a) => a.key === key);
}

// ---------------------------------------------------------------------------------------------
// Account definitions

interface AssistantSeed {
  id: number;
  name: string;
  persona: string;
  type: "inbound" | "outbound";
  language: "tr" | "en" | "de";
  kind: ScenarioKind;
  voice: string;
  phone: string | null;
  active: boolean;
  createdDaysAgo: number;
  /** Not returned by the assistants endpoint (deleted), but old calls still reference it. */
  deleted?: boolean;
}

interface CampaignSeed extends Campaign {
  /** Days before the anchor the campaign ran (from, to). */
  activeDays: readonly [number, number];
}

interface AccountSeed {
  slug: AccountSlug;
  name: string;
  company: string;
  timeZone: string;
  region: Region;
  dailyBase: number;
  customers: number;
  customerMix: ReadonlyArray<readonly [Lang, number]>;
  assistants: readonly AssistantSeed[];
  campaigns: readonly CampaignSeed[];
  phoneNumbers: readonly PhoneNumber[];
  types: ReadonlyArray<readonly [CallType, number]>;
  byType: Record<CallType, ReadonlyArray<readonly [number, number]>>;
  live: readonly CallStatus[];
  stale: number;
  carrierRate: number;
}

const ACCOUNT_SEEDS: readonly AccountSeed[] = [
  {
    slug: "alpha",
    name: "Boğaziçi Finans A.Ş.",
    company: "Boğaziçi Finans",
    timeZone: "Europe/Istanbul",
    region: "tr",
    dailyBase: 72,
    customers: 1800,
    customerMix: [["tr", 82], ["en", 6], ["de", 5], ["ar", 5], ["es", 2]],
    assistants: [
      { id: 101, name: "Satış Asistanı – Ayşe", persona: "Ayşe", type: "outbound", language: "tr", kind: "sales", voice: "elevenlabs:ayse-tr", phone: "+902125550103", active: true, createdDaysAgo: 240 },
      { id: 102, name: "Müşteri Hizmetleri (Gelen)", persona: "Deniz", type: "inbound", language: "tr", kind: "support", voice: "azure:tr-TR-EmelNeural", phone: "+908505550101", active: true, createdDaysAgo: 230 },
      { id: 103, name: "Randevu Asistanı Şule", persona: "Şule", type: "outbound", language: "tr", kind: "appointment", voice: "elevenlabs:sule-tr", phone: "+902125550104", active: true, createdDaysAgo: 180 },
      { id: 104, name: "Sales Assistant EN", persona: "Sarah", type: "outbound", language: "en", kind: "sales", voice: "openai:nova", phone: "+12025550105", active: true, createdDaysAgo: 150 },
      { id: 105, name: "Destek Hattı İzmir", persona: "Çağla", type: "inbound", language: "tr", kind: "support", voice: "azure:tr-TR-AhmetNeural", phone: "+908505550102", active: true, createdDaysAgo: 120 },
      { id: 106, name: "Web Sitesi Asistanı 💬", persona: "Bilge", type: "inbound", language: "tr", kind: "web", voice: "openai:alloy", phone: null, active: true, createdDaysAgo: 100 },
      { id: 107, name: "Test Asistanı (pasif)", persona: "Test", type: "outbound", language: "tr", kind: "sales", voice: "openai:echo", phone: null, active: false, createdDaysAgo: 30 },
      { id: 108, name: "Eski Satış Botu", persona: "Selin", type: "outbound", language: "tr", kind: "sales", voice: "elevenlabs:selin-tr", phone: "+902125550108", active: false, createdDaysAgo: 400, deleted: true },
    ],
    campaigns: [
      { id: 1001, name: "Kredi Kartı Kampanyası – Ekim", assistant_id: 101, activeDays: [90, 0] },
      { id: 1002, name: "Yenileme Hatırlatma, 2. Dalga", assistant_id: 101, activeDays: [45, 0] },
      { id: 1003, name: "Randevu Onayı", assistant_id: 103, activeDays: [90, 0] },
      { id: 1004, name: 'Q4 "Win-back" Outreach', assistant_id: 104, activeDays: [70, 5] },
    ],
    phoneNumbers: [
      { id: 501, phone_number: "+908505550101", assistant_id: 102, type: "inbound" },
      { id: 502, phone_number: "+908505550102", assistant_id: 105, type: "inbound" },
      { id: 503, phone_number: "+902125550103", assistant_id: 101, type: "outbound" },
      { id: 504, phone_number: "+902125550104", assistant_id: 103, type: "outbound" },
      { id: 505, phone_number: "+12025550105", assistant_id: 104, type: "outbound" },
      { id: 506, phone_number: "+908505550199", assistant_id: null, type: "inbound" },
    ],
    types: [["outbound", 52], ["inbound", 38], ["web", 10]],
    byType: {
      outbound: [[101, 50], [103, 30], [104, 20]],
      inbound: [[102, 65], [105, 35]],
      web: [[106, 1]],
    },
    live: ["in-progress", "in-progress", "ringing", "initiated", "in-progress", "ringing", "initiated", "in-progress"],
    stale: 3,
    carrierRate: 0.012,
  },
  {
    slug: "beta",
    name: "Spreewald Glasfaser GmbH",
    company: "Spreewald Glasfaser",
    timeZone: "Europe/Berlin",
    region: "de",
    dailyBase: 8.9,
    customers: 400,
    customerMix: [["de", 75], ["tr", 12], ["en", 8], ["ar", 5]],
    assistants: [
      { id: 201, name: "Vertriebsassistent Jürgen", persona: "Jürgen", type: "outbound", language: "de", kind: "sales", voice: "elevenlabs:juergen-de", phone: "+493055501002", active: true, createdDaysAgo: 200 },
      { id: 202, name: "Kundenservice Eingang", persona: "Lena", type: "inbound", language: "de", kind: "support", voice: "azure:de-DE-KatjaNeural", phone: "+493055501001", active: true, createdDaysAgo: 190 },
      { id: 203, name: "Terminbuchung Müller & Söhne", persona: "Jörg", type: "outbound", language: "de", kind: "appointment", voice: "azure:de-DE-ConradNeural", phone: "+493055501003", active: true, createdDaysAgo: 95 },
    ],
    campaigns: [
      { id: 2001, name: "Herbstaktion Glasfaser", assistant_id: 201, activeDays: [90, 0] },
      { id: 2002, name: "Rückruf – Übergrößen-Bestellungen", assistant_id: 203, activeDays: [60, 0] },
    ],
    phoneNumbers: [
      { id: 601, phone_number: "+493055501001", assistant_id: 202, type: "inbound" },
      { id: 602, phone_number: "+493055501002", assistant_id: 201, type: "outbound" },
      { id: 603, phone_number: "+493055501003", assistant_id: 203, type: "outbound" },
    ],
    types: [["outbound", 55], ["inbound", 40], ["web", 5]],
    byType: {
      outbound: [[201, 60], [203, 40]],
      inbound: [[202, 1]],
      web: [[202, 1]],
    },
    live: ["in-progress", "ringing"],
    stale: 0,
    carrierRate: 0.015,
  },
  {
    slug: "gamma",
    name: "Hudson Dental Studio LLC",
    company: "Hudson Dental Studio",
    timeZone: "America/New_York",
    region: "us",
    dailyBase: 0.67,
    customers: 45,
    customerMix: [["en", 85], ["es", 15]],
    assistants: [
      { id: 301, name: "Front Desk", persona: "Emma", type: "inbound", language: "en", kind: "support", voice: "openai:shimmer", phone: "+12125550170", active: true, createdDaysAgo: 110 },
    ],
    campaigns: [],
    phoneNumbers: [{ id: 701, phone_number: "+12125550170", assistant_id: 301, type: "inbound" }],
    types: [["inbound", 85], ["web", 15]],
    byType: { outbound: [[301, 1]], inbound: [[301, 1]], web: [[301, 1]] },
    live: ["in-progress"],
    stale: 0,
    carrierRate: 0.008,
  },
];

// Relative weight of calls per local hour of day.
const HOURS_BUSINESS = [0.05, 0.03, 0.02, 0.02, 0.02, 0.05, 0.2, 0.6, 1.8, 4.2, 5.4, 5.6, 4.1, 3.6, 5.0, 5.2, 4.8, 4.0, 2.4, 1.4, 1.0, 0.7, 0.35, 0.15];
const HOURS_OUTBOUND = [0, 0, 0, 0, 0, 0, 0, 0, 0, 4.5, 5.5, 5.6, 3.5, 3.4, 5.2, 5.4, 5.0, 4.2, 2.0, 0.6, 0, 0, 0, 0];
const HOURS_WEB = [0.6, 0.4, 0.3, 0.2, 0.2, 0.3, 0.6, 1.0, 1.6, 2.2, 2.6, 2.8, 2.6, 2.5, 2.6, 2.7, 2.6, 2.5, 2.4, 2.6, 2.8, 2.6, 1.8, 1.1];
const hourPairs = (w: number[]) => w.map((x, h) => [h, x] as const).filter(([, x]) => x > 0);
const HOUR_WEIGHTS: Record<CallType, ReadonlyArray<readonly [number, number]>> = {
  inbound: hourPairs(HOURS_BUSINESS),
  outbound: hourPairs(HOURS_OUTBOUND),
  web: hourPairs(HOURS_WEB),
};

const STATUS_WEIGHTS: Record<CallType, ReadonlyArray<readonly [CallStatus, number]>> = {
  outbound: [["completed", 34], ["ended", 8], ["ended_by_customer", 14], ["ended_by_assistant", 12], ["no-answer", 17], ["busy", 7], ["failed", 5]],
  inbound: [["completed", 40], ["ended", 12], ["ended_by_customer", 22], ["ended_by_assistant", 16], ["no-answer", 4], ["busy", 3], ["failed", 3]],
  web: [["completed", 45], ["ended", 15], ["ended_by_customer", 25], ["ended_by_assistant", 10], ["failed", 5]],
};

const ANSWERED: ReadonlySet<CallStatus> = new Set(["completed", "ended", "ended_by_customer", "ended_by_assistant"]);

// ---------------------------------------------------------------------------------------------
// Generation

interface Draft {
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

/** Position (ms since local midnight) of instant `at` on the wall clock of `tz`. */
function localTimeOfDay(at: number, tz: string): number {
  const local = formatInZone(at, tz);
  return ((+local.slice(11, 13) * 60 + +local.slice(14, 16)) * 60 + +local.slice(17, 19)) * 1000;
}

interface CallShape {
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

function generateAccount(seedDef: AccountSeed, accountIndex: number, anchor: number, liveAnchor: number): Draft[] {
  const r = Random.seeded(`whattalk-sim:${seedDef.slug}:v1`);
  const tz = seedDef.timeZone;
  const assistants = new Map(seedDef.assistants.map((a) => [a.id, a]));
  const customers: Customer[] = [];
  for (let i = 0; i < seedDef.customers; i++) customers.push(makeCustomer(r, seedDef.customerMix, seedDef.region));
  // A small set of frequent callers makes phone-number filtering return several calls.
  const frequent = customers.slice(0, Math.max(3, Math.floor(customers.length / 50)));

  const drafts: Draft[] = [];
  let seq = 0;
  const historyEnd = anchor - 31 * MINUTE;
  let lastOutboundAt: number | null = null;

  for (let k = HISTORY_DAYS - 1; k >= 0; k--) {
    const windowStart = historyEnd - (k + 1) * DAY;
    const l0 = localTimeOfDay(windowStart, tz);
    const growth = 0.6 + 0.8 * (1 - k / (HISTORY_DAYS - 1));
    const expected = seedDef.dailyBase * growth * (0.75 + 0.5 * r.float());
    const count = Math.floor(expected + r.float());
    lastOutboundAt = null;
    for (let i = 0; i < count; i++) {
      const type = r.weighted(seedDef.types);
      const hour = r.weighted(HOUR_WEIGHTS[type]);
      const tod = ((hour * 60 + r.int(0, 59)) * 60 + r.int(0, 59)) * 1000;
      let at = windowStart + ((tod - l0 + DAY) % DAY);
      at = Math.floor(at / 1000) * 1000;
      // A dialer starting several campaign calls in the same second (tests the id tie-break).
      const sameSecond = r.chance(0.015);
      if (type === "outbound" && sameSecond && lastOutboundAt !== null) at = lastOutboundAt;
      if (type === "outbound") lastOutboundAt = at;

      let assistant = assistants.get(r.weighted(seedDef.byType[type]))!;
      const useDeleted = r.chance(0.05);
      const deleted = seedDef.assistants.find((a) => a.deleted);
      if (deleted && type === "outbound" && k >= 60 && useDeleted) assistant = deleted;

      const status = r.weighted(STATUS_WEIGHTS[type]);
      const campaign = pickCampaign(r, seedDef, assistant, type, k);
      const customer = r.chance(0.08) ? r.pick(frequent) : r.pick(customers);
      drafts.push(
        buildDraft(r, seedDef, accountIndex, seq++, {
          type,
          status,
          assistant,
          campaign,
          customer,
          at,
          now: anchor,
          live: false,
          stale: false,
        }),
      );
    }
  }

  // Calls stuck in a live status for days (a dialer glitch the portal must survive).
  for (let i = 0; i < seedDef.stale; i++) {
    const k = r.int(3, 40);
    const at = Math.floor((historyEnd - k * DAY - r.int(0, DAY / 1000 - 1) * 1000) / 1000) * 1000;
    const assistant = assistants.get(r.weighted(seedDef.byType.outbound))!;
    drafts.push(
      buildDraft(r, seedDef, accountIndex, seq++, {
        type: "outbound",
        status: i % 2 === 0 ? "initiated" : "in-progress",
        assistant,
        campaign: pickCampaign(r, seedDef, assistant, "outbound", k),
        customer: r.pick(customers),
        at,
        now: anchor,
        live: true,
        stale: true,
      }),
    );
  }

  // Live calls in the 30 minutes before liveAnchor.
  for (const status of seedDef.live) {
    const agoSec = status === "initiated" ? r.int(5, 90) : status === "ringing" ? r.int(3, 45) : r.int(40, 29 * 60);
    const hasOutbound = seedDef.types.some(([t]) => t === "outbound");
    const type: CallType = status === "in-progress" ? r.weighted(seedDef.types) : hasOutbound ? "outbound" : "inbound";
    const assistant = assistants.get(r.weighted(seedDef.byType[type]))!;
    drafts.push(
      buildDraft(r, seedDef, accountIndex, seq++, {
        type,
        status,
        assistant,
        campaign: pickCampaign(r, seedDef, assistant, type, 0),
        customer: r.pick(customers),
        at: liveAnchor - agoSec * 1000,
        now: liveAnchor,
        live: true,
        stale: false,
      }),
    );
  }
  return drafts;
}

function pickCampaign(r: Random, seedDef: AccountSeed, assistant: AssistantSeed, type: CallType, daysAgo: number): CampaignSeed | null {
  const roll = r.float();
  const pick = r.float();
  if (type !== "outbound" || roll >= 0.8) return null;
  const options = seedDef.campaigns.filter(
    (c) => c.assistant_id === assistant.id && daysAgo <= c.activeDays[0] && daysAgo >= c.activeDays[1],
  );
  if (options.length === 0) return null;
  return options[Math.floor(pick * options.length)];
}

function buildDraft(r: Random, seedDef: AccountSeed, accountIndex: number, seq: number, s: CallShape): Draft {
  const { type, status, assistant, customer } = s;
  // Draw every random decision up front so the sequence never depends on the anchor.
  const answeredByRoll = r.float();
  const durationGauss = r.gauss();
  const longRoll = r.chance(0.012);
  const droppedRoll = r.chance(0.015);
  const styleRoll = r.float();
  const arabicRoll = r.chance(customer.lang === "ar" ? 0.6 : 0.01);
  const middleTurns = r.int(1, 6);
  const targetLong = 20_500 + r.int(0, 15_000);
  const outcome = r.weighted(OUTCOMES[assistant.kind]);
  const evalRoll = r.float();
  const evalExtra = r.float();
  const sentimentRoll = r.float();
  const scoreRoll = r.float();
  const pendingEval = r.chance(0.6);
  const recordingRoll = r.float();
  const pendingRecording = r.chance(0.5);
  const varsRoll = r.float();
  const trickyRoll = r.float();
  const webhookRoll = r.float();
  const withheldRoll = r.float();
  const processingSec = r.int(2, 15);
  const evalDelaySec = r.int(20, 240);
  const followUpDays = r.int(1, 14);
  const appointmentHour = r.int(9, 17);
  const appointmentMinute = r.pick([0, 15, 30, 45]);
  const ticket = r.digits(6);
  const crmId = Math.floor(r.float() * 0xffffffff).toString(16).padStart(8, "0");
  const trickyIndex = r.int(0, 99);

  const answered = ANSWERED.has(status);
  const lang = assistant.language;

  let answeredBy: "human" | "machine" | null = null;
  if (answered) {
    if (type === "outbound") answeredBy = answeredByRoll < 0.84 ? "human" : answeredByRoll < 0.96 ? "machine" : null;
    else if (type === "inbound") answeredBy = answeredByRoll < 0.9 ? "human" : null;
  } else if (status === "in-progress" && type === "outbound") {
    answeredBy = answeredByRoll < 0.7 ? "human" : null;
  }
  const voicemail = answeredBy === "machine";

  // Duration in seconds.
  let duration: number | null = 0;
  const long = answered && !voicemail && longRoll;
  if (answered) {
    if (voicemail) duration = 12 + Math.floor(Math.abs(durationGauss) * 12);
    else if (long) duration = 1500 + Math.floor(Math.abs(durationGauss) * 900);
    else if (droppedRoll) duration = 1 + Math.floor(Math.abs(durationGauss) * 2) % 4; // line dropped at once
    else duration = clamp(Math.round(Math.exp(Math.log(95) + 0.75 * durationGauss)), 2, 1400);
  } else if (status === "in-progress") {
    duration = s.live && !s.stale ? Math.max(1, Math.floor((s.now - s.at) / 1000)) : 0;
  }

  // Transcript.
  const apptDate = formatInZone(s.at + followUpDays * DAY, seedDef.timeZone).slice(0, 10);
  const apptTime = `${String(appointmentHour).padStart(2, "0")}:${String(appointmentMinute).padStart(2, "0")}`;
  let transcript: string | null = null;
  if (answered || status === "in-progress") {
    if (answered && (duration ?? 0) < 5 && !voicemail) {
      transcript = "";
    } else {
      const style = styleRoll < 0.8 ? "ai-user" : styleRoll < 0.96 ? "assistant-customer" : "prose";
      transcript = buildTranscript(
        r,
        { customer, persona: assistant.persona, company: seedDef.company, lang, kind: assistant.kind, outcome, date: apptDate, time: apptTime },
        {
          style: long && style === "prose" ? "ai-user" : style,
          voicemail,
          long,
          arabicDetour: arabicRoll && !voicemail,
          ending: status === "in-progress" ? "partial" : status === "ended_by_customer" ? "customer" : status === "ended_by_assistant" ? "assistant" : "complete",
          middleTurns: long ? 6 : middleTurns,
          targetLongLength: targetLong,
        },
      );
    }
  }

  // Evaluation.
  let evaluation: JsonObject | null = null;
  const recent = s.now - s.at < 2 * 3_600_000;
  if (answered && !(recent && pendingEval)) {
    if (evalRoll < 0.05) evaluation = null;
    else if (evalRoll < 0.08) evaluation = {};
    else {
      const finalOutcome = voicemail ? "voicemail" : outcome;
      const positive = ["qualified_lead", "appointment_booked", "resolved", "information_provided"].includes(finalOutcome);
      const negative = ["not_interested", "wrong_number"].includes(finalOutcome);
      const sentiment = positive
        ? sentimentRoll < 0.7 ? "positive" : sentimentRoll < 0.95 ? "neutral" : "negative"
        : negative
          ? sentimentRoll < 0.5 ? "negative" : sentimentRoll < 0.9 ? "neutral" : "positive"
          : sentimentRoll < 0.25 ? "positive" : sentimentRoll < 0.85 ? "neutral" : "negative";
      const [lo, hi] = sentiment === "positive" ? [6.5, 10] : sentiment === "neutral" ? [4, 7.5] : [0, 4.5];
      const score = round1(lo + scoreRoll * (hi - lo));
      if (evalRoll < 0.1) evaluation = { sentiment };
      else {
        evaluation = { sentiment, outcome: finalOutcome, score };
        if (evalExtra < 0.2) {
          evaluation.summary = lang === "tr" ? "Müşteri ilgili, fiyat konusunda tereddütlü; takip önerilir." : lang === "de" ? "Kunde interessiert, Rückruf empfohlen." : "Customer interested; follow-up recommended.";
          evaluation.tags = evalExtra < 0.1 ? ["fiyat", "takip"] : [];
        }
      }
    }
  }

  // Variables.
  let variables: JsonObject | null;
  if (varsRoll < 0.04) variables = null;
  else if (varsRoll < 0.12) variables = {};
  else {
    const v: JsonObject = { customer_name: customer.name };
    if (assistant.kind === "sales" || assistant.kind === "appointment") {
      v.city = customer.city;
      v.interest_level = varsRoll < 0.4 ? "high" : varsRoll < 0.7 ? "medium" : "low";
      v.follow_up_date = apptDate;
      if (varsRoll > 0.8) v.card_limit = 25000;
      if (varsRoll > 0.9) v.consent_recorded = true;
    } else if (assistant.kind === "support") {
      v.ticket_id = `TCK-${ticket}`;
      v.issue_category = lang === "tr" ? ["fatura", "internet", "adres değişikliği"][trickyIndex % 3] : ["billing", "outage", "appointment"][trickyIndex % 3];
      if (varsRoll > 0.85) v.order_id = `000${ticket.slice(0, 3)}`;
    } else {
      v.source = "web_widget";
      v.page_url = "https://example.com/fiyatlar?utm_source=google&utm_campaign=kış_kampanyası";
      if (varsRoll > 0.6) v.utm = { source: "google", medium: "cpc", campaign: "kış-kampanyası" };
      if (varsRoll > 0.8) v.tags = ["vip", "yeni_müşteri"];
    }
    if (trickyRoll < 0.15) {
      const notes = TRICKY_NOTES[lang];
      v.notes = notes[trickyIndex % notes.length];
    }
    variables = v;
  }

  // Webhook response.
  let webhook: JsonObject | null;
  if (!answered) webhook = webhookRoll < 0.7 ? null : { status: "skipped", reason: status === "in-progress" ? "call in progress" : "call not answered" };
  else if (webhookRoll < 0.1) webhook = null;
  else if (webhookRoll < 0.18) webhook = {};
  else if (webhookRoll < 0.8) webhook = { status: "success", data: { crm_contact_id: crmId } };
  else if (webhookRoll < 0.88) webhook = { status: "success", data: { crm_contact_id: crmId, tags: ["ai-call", lang], deal: { id: Number(ticket), stage: "qualified" } } };
  else if (webhookRoll < 0.95) webhook = { status: "error", http_status: 504, message: "CRM timeout after 10s" };
  else webhook = { status: "skipped", reason: "no webhook configured" };
  if (s.live && status !== "in-progress") webhook = null;

  // Phone numbers.
  let client: string | null = customer.phone;
  if (type === "web") client = withheldRoll < 0.1 ? customer.phone : null;
  else if (type === "inbound" && withheldRoll < 0.005) client = null;
  const assistantPhone = type === "web" ? null : assistant.phone;

  // Costs (USD).
  let carrier: number | null;
  let total: number | null;
  if (status === "failed" || s.live) {
    carrier = null;
    total = null;
  } else {
    const minutes = (duration ?? 0) / 60;
    const rate = client && !client.startsWith(seedDef.region === "tr" ? "+90" : seedDef.region === "de" ? "+49" : "+1") ? 0.03 : seedDef.carrierRate;
    carrier = type === "web" ? null : round4(minutes * rate);
    total = round4((carrier ?? 0) + minutes * 0.07);
  }

  // Recording.
  const recentEnd = s.now - (s.at + (duration ?? 0) * 1000) < 10 * MINUTE;
  const hasRecording = answered && (duration ?? 0) > 0 && recordingRoll < 0.92 && !(recentEnd && pendingRecording);

  // updated_at: end of call plus processing (evaluation takes longer); never after "now".
  let updatedAt = s.at;
  if (!s.live || (status === "in-progress" && !s.stale)) {
    updatedAt = s.at + (duration ?? 0) * 1000 + (evaluation ? evalDelaySec : processingSec) * 1000;
    if (s.live) updatedAt = s.now - 2000;
    updatedAt = Math.max(s.at, Math.min(updatedAt, s.now));
  }

  return {
    account: accountIndex,
    seq,
    at: s.at,
    updatedAt,
    hasRecording,
    call: {
      assistant_name: assistant.name,
      campaign_name: s.campaign?.name ?? null,
      type,
      duration,
      assistant_phone_number: assistantPhone,
      client_phone_number: client,
      status,
      transcript,
      variables,
      evaluation,
      webhook_response: webhook,
      carrier_cost: carrier,
      total_cost: total,
      answered_by: answeredBy,
      assistant_id: assistant.id,
      campaign_id: s.campaign?.id ?? null,
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/** Orders calls the way the API does: created_at instant descending, then id descending. */
export function compareNewestFirst(a: { at: number; id: number }, b: { at: number; id: number }): number {
  return b.at - a.at || b.id - a.id;
}

/**
 * Generates the whole dataset. Pure: the same options always give deep-equal results. The
 * returned objects are frozen; the simulator copies on write.
 */
export function generateDataset(options: GenerateOptions = {}): Dataset {
  const anchor = parseInstant(options.anchor ?? defaultAnchor());
  const liveAnchor = options.liveAnchor === undefined ? anchor : parseInstant(options.liveAnchor, "liveAnchor");
  const baseUrl = (options.baseUrl ?? "http://127.0.0.1:4010").replace(/\/+$/, "");

  const drafts: Draft[] = [];
  ACCOUNT_SEEDS.forEach((seedDef, i) => drafts.push(...generateAccount(seedDef, i, anchor, liveAnchor)));
  // One global id sequence in creation order, like an auto-increment column.
  drafts.sort((a, b) => a.at - b.at || a.account - b.account || a.seq - b.seq);

  const perAccount: Array<Array<{ at: number; id: number; call: Call }>> = ACCOUNT_SEEDS.map(() => []);
  drafts.forEach((d, i) => {
    const id = FIRST_CALL_ID + i;
    const tz = ACCOUNT_SEEDS[d.account].timeZone;
    const { assistant_id, campaign_id, ...rest } = d.call;
    const call: Call = {
      id,
      ...rest,
      recording_url: d.hasRecording ? recordingUrl(baseUrl, id) : null,
      created_at: formatInZone(d.at, tz),
      updated_at: formatInZone(d.updatedAt, tz),
      assistant_id,
      campaign_id,
    };
    INSTANTS.set(call, d.at);
    perAccount[d.account].push({ at: d.at, id, call });
  });

  const accounts: SimAccount[] = ACCOUNT_SEEDS.map((seedDef, i) => {
    const list = perAccount[i].sort(compareNewestFirst);
    const assistants: Assistant[] = seedDef.assistants
      .filter((a) => !a.deleted)
      .map((a) => {
        const created = anchor - a.createdDaysAgo * DAY - (a.id % 7) * 3_600_000 - (a.id % 13) * 60_000;
        const updated = anchor - Math.floor(a.createdDaysAgo / 3) * DAY - (a.id % 5) * 3_600_000;
        return {
          id: a.id,
          name: a.name,
          type: a.type,
          language: a.language,
          voice: a.voice,
          model: a.language === "tr" ? "gpt-4o" : "gpt-4o-mini",
          first_message:
            a.language === "tr"
              ? `Merhaba, ben ${seedDef.company} adına ${a.persona}. Size nasıl yardımcı olabilirim?`
              : a.language === "de"
                ? `Guten Tag, hier ist ${a.persona} von ${seedDef.company}.`
                : `Hi, this is ${a.persona} from ${seedDef.company}. How can I help?`,
          phone_number: a.phone,
          is_active: a.active,
          created_at: formatInZone(created, seedDef.timeZone),
          updated_at: formatInZone(updated, seedDef.timeZone),
        };
      });
    return {
      slug: seedDef.slug,
      key: DEMO_KEYS[seedDef.slug],
      name: seedDef.name,
      timeZone: seedDef.timeZone,
      assistants,
      campaigns: seedDef.campaigns.map(({ id, name, assistant_id }) => ({ id, name, assistant_id })),
      phoneNumbers: seedDef.phoneNumbers.map((p) => ({ ...p })),
      calls: list.map((e) => e.call),
    };
  });

  return deepFreeze({
    anchor: new Date(anchor).toISOString(),
    liveAnchor: new Date(liveAnchor).toISOString(),
    baseUrl,
    accounts,
  });
}
