// Deterministic WhatTalk demo data: three accounts with assistants, phone numbers, campaigns and
// calls, from a seeded PRNG (the accounts in seeds.ts, one call's content in draft.ts, the types in
// types.ts, re-exported here). How time works: docs/design-notes.md.

import { makeCustomer, type Customer } from "./customers";
import { buildDraft, type CallShape, type Draft } from "./draft";
import { Random } from "./prng";
import { ACCOUNT_SEEDS, HOUR_WEIGHTS, STATUS_WEIGHTS, type AccountSeed, type AssistantSeed, type CampaignSeed } from "./seeds";
import { DAY, MINUTE, formatInZone, zonedToEpoch } from "./tz";
import { DEMO_KEYS, type Assistant, type Call, type CallType, type Dataset, type GenerateOptions, type SimAccount } from "./types";

export * from "./types";

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
// Generation

/** Position (ms since local midnight) of instant `at` on the wall clock of `tz`. */
function localTimeOfDay(at: number, tz: string): number {
  const local = formatInZone(at, tz);
  return ((+local.slice(11, 13) * 60 + +local.slice(14, 16)) * 60 + +local.slice(17, 19)) * 1000;
}

/** What the generators of one account share: its PRNG, its seed, its customers, the next sequence number. */
interface AccountGen {
  r: Random;
  seedDef: AccountSeed;
  accountIndex: number;
  assistants: Map<number, AssistantSeed>;
  customers: Customer[];
  /** A small set of frequent callers makes phone-number filtering return several calls. */
  frequent: Customer[];
  drafts: Draft[];
  seq: number;
}

const addDraft = (g: AccountGen, shape: CallShape) => g.drafts.push(buildDraft(g.r, g.seedDef, g.accountIndex, g.seq++, shape));

/** One history day (k days before the history's end): its calls at realistic local hours. */
function historyDay(g: AccountGen, k: number, historyEnd: number, anchor: number) {
  const { r, seedDef } = g;
  const windowStart = historyEnd - (k + 1) * DAY;
  const l0 = localTimeOfDay(windowStart, seedDef.timeZone);
  const growth = 0.6 + 0.8 * (1 - k / (HISTORY_DAYS - 1));
  const expected = seedDef.dailyBase * growth * (0.75 + 0.5 * r.float());
  const count = Math.floor(expected + r.float());
  let lastOutboundAt: number | null = null;
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

    let assistant = g.assistants.get(r.weighted(seedDef.byType[type]))!;
    const useDeleted = r.chance(0.05);
    const deleted = seedDef.assistants.find((a) => a.deleted);
    if (deleted && type === "outbound" && k >= 60 && useDeleted) assistant = deleted;

    const status = r.weighted(STATUS_WEIGHTS[type]);
    const campaign = pickCampaign(r, seedDef, assistant, type, k);
    const customer = r.chance(0.08) ? r.pick(g.frequent) : r.pick(g.customers);
    addDraft(g, { type, status, assistant, campaign, customer, at, now: anchor, live: false, stale: false });
  }
}

/** Calls stuck in a live status for days (a dialer glitch the portal must survive). */
function staleCalls(g: AccountGen, historyEnd: number, anchor: number) {
  const { r, seedDef } = g;
  for (let i = 0; i < seedDef.stale; i++) {
    const k = r.int(3, 40);
    const at = Math.floor((historyEnd - k * DAY - r.int(0, DAY / 1000 - 1) * 1000) / 1000) * 1000;
    const assistant = g.assistants.get(r.weighted(seedDef.byType.outbound))!;
    const status = i % 2 === 0 ? "initiated" : "in-progress";
    const campaign = pickCampaign(r, seedDef, assistant, "outbound", k);
    addDraft(g, { type: "outbound", status, assistant, campaign, customer: r.pick(g.customers), at, now: anchor, live: true, stale: true });
  }
}

/** Live calls in the 30 minutes before liveAnchor. */
function liveCalls(g: AccountGen, liveAnchor: number) {
  const { r, seedDef } = g;
  for (const status of seedDef.live) {
    const agoSec = status === "initiated" ? r.int(5, 90) : status === "ringing" ? r.int(3, 45) : r.int(40, 29 * 60);
    const hasOutbound = seedDef.types.some(([t]) => t === "outbound");
    const type: CallType = status === "in-progress" ? r.weighted(seedDef.types) : hasOutbound ? "outbound" : "inbound";
    const assistant = g.assistants.get(r.weighted(seedDef.byType[type]))!;
    const campaign = pickCampaign(r, seedDef, assistant, type, 0);
    addDraft(g, { type, status, assistant, campaign, customer: r.pick(g.customers), at: liveAnchor - agoSec * 1000, now: liveAnchor, live: true, stale: false });
  }
}

function generateAccount(seedDef: AccountSeed, accountIndex: number, anchor: number, liveAnchor: number): Draft[] {
  const r = Random.seeded(`whattalk-sim:${seedDef.slug}:v1`);
  const customers: Customer[] = [];
  for (let i = 0; i < seedDef.customers; i++) customers.push(makeCustomer(r, seedDef.customerMix, seedDef.region));
  const g: AccountGen = {
    r,
    seedDef,
    accountIndex,
    assistants: new Map(seedDef.assistants.map((a) => [a.id, a])),
    customers,
    frequent: customers.slice(0, Math.max(3, Math.floor(customers.length / 50))),
    drafts: [],
    seq: 0,
  };
  const historyEnd = anchor - 31 * MINUTE;
  for (let k = HISTORY_DAYS - 1; k >= 0; k--) historyDay(g, k, historyEnd, anchor);
  staleCalls(g, historyEnd, anchor);
  liveCalls(g, liveAnchor);
  return g.drafts;
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

/** A generated call as the API answers it: its id, recording URL and wall-clock times in `tz`. */
export function callOfDraft(d: Pick<Draft, "call" | "hasRecording" | "at" | "updatedAt">, id: number, baseUrl: string, tz: string): Call {
  const { assistant_id, campaign_id, ...rest } = d.call;
  return {
    id,
    ...rest,
    recording_url: d.hasRecording ? recordingUrl(baseUrl, id) : null,
    created_at: formatInZone(d.at, tz),
    updated_at: formatInZone(d.updatedAt, tz),
    assistant_id,
    campaign_id,
  };
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
    const call = callOfDraft(d, id, baseUrl, tz);
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
