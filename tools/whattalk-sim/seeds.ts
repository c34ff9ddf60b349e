// The three demo accounts (assistants, campaigns, phone numbers, call mix) and the weights of
// call hours and statuses. Data, not logic: the file is long because the accounts are.

import type { Lang, Region } from "./customers";
import type { ScenarioKind } from "./scenarios";
import type { AccountSlug, CallStatus, CallType, Campaign, PhoneNumber } from "./types";

export interface AssistantSeed {
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

export interface CampaignSeed extends Campaign {
  /** Days before the anchor the campaign ran (from, to). */
  activeDays: readonly [number, number];
}

export interface AccountSeed {
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

export const ACCOUNT_SEEDS: readonly AccountSeed[] = [
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
export const HOUR_WEIGHTS: Record<CallType, ReadonlyArray<readonly [number, number]>> = {
  inbound: hourPairs(HOURS_BUSINESS),
  outbound: hourPairs(HOURS_OUTBOUND),
  web: hourPairs(HOURS_WEB),
};

export const STATUS_WEIGHTS: Record<CallType, ReadonlyArray<readonly [CallStatus, number]>> = {
  outbound: [["completed", 34], ["ended", 8], ["ended_by_customer", 14], ["ended_by_assistant", 12], ["no-answer", 17], ["busy", 7], ["failed", 5]],
  inbound: [["completed", 40], ["ended", 12], ["ended_by_customer", 22], ["ended_by_assistant", 16], ["no-answer", 4], ["busy", 3], ["failed", 3]],
  web: [["completed", 45], ["ended", 15], ["ended_by_customer", 25], ["ended_by_assistant", 10], ["failed", 5]],
};
