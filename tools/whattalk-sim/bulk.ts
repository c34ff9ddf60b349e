// Benchmark accounts: N calls (mostly Turkish, some English, like account alpha's mix) spread over
// a history window, generated quickly and deterministically with the history's generator (draft.ts).

import { makeCustomer, type Customer } from "./customers";
import { DEMO_KEYS, callOfDraft, type Call, type Dataset, type SimAccount } from "./data";
import { buildDraft, type Draft } from "./draft";
import { Random } from "./prng";
import { ACCOUNT_SEEDS, HOUR_WEIGHTS, STATUS_WEIGHTS, type AccountSeed } from "./seeds";
import { DAY, MINUTE, formatInZone } from "./tz";

export interface BulkAccountSpec {
  /** The API key of the account (must not be a demo key). */
  key: string;
  /** Number of calls. */
  calls: number;
  /** IANA zone of the account's wall clock. Default Europe/Istanbul. */
  timeZone?: string;
  /** Account name. Default "Bulk <key>". */
  name?: string;
  /** Days of history the calls spread over (ending 31 minutes before the anchor). Default 90. */
  days?: number;
}

const PROFILE = ACCOUNT_SEEDS[0]; // Boğaziçi Finans: Turkish assistants, one English one.

/** The content profile of the i-th bulk account: alpha's, with its own ids and time zone. */
export function bulkSeed(spec: BulkAccountSpec, index: number): AccountSeed {
  const a = 1000 * (index + 1);
  const c = 10_000 * (index + 1);
  const shift = (pairs: ReadonlyArray<readonly [number, number]>) => pairs.map(([id, w]) => [id + a, w] as const);
  return {
    ...PROFILE,
    slug: PROFILE.slug,
    name: spec.name ?? `Bulk ${spec.key}`,
    timeZone: spec.timeZone ?? PROFILE.timeZone,
    assistants: PROFILE.assistants.map((x) => ({ ...x, id: x.id + a })),
    campaigns: PROFILE.campaigns.map((x) => ({ ...x, id: x.id + c, assistant_id: x.assistant_id + a })),
    phoneNumbers: PROFILE.phoneNumbers.map((p) => ({ ...p, id: p.id + a, assistant_id: p.assistant_id === null ? null : p.assistant_id + a })),
    byType: { outbound: shift(PROFILE.byType.outbound), inbound: shift(PROFILE.byType.inbound), web: shift(PROFILE.byType.web) },
    live: [],
    stale: 0,
  };
}

/** Position (ms since local midnight) of instant `at` on the wall clock of `tz`. */
function localTimeOfDay(at: number, tz: string): number {
  const local = formatInZone(at, tz);
  return ((+local.slice(11, 13) * 60 + +local.slice(14, 16)) * 60 + +local.slice(17, 19)) * 1000;
}

/** One call of the account at a random (recent-skewed, business-hour) instant. */
function draftOne(r: Random, seedDef: AccountSeed, customers: Customer[], windows: { start: number; l0: number }[], seq: number, anchor: number): Draft {
  const type = r.weighted(seedDef.types);
  const hour = r.weighted(HOUR_WEIGHTS[type]);
  const tod = ((hour * 60 + r.int(0, 59)) * 60 + r.int(0, 59)) * 1000;
  const w = windows[Math.min(windows.length - 1, Math.floor(windows.length * (1 - Math.sqrt(r.float()))))];
  const at = Math.floor((w.start + ((tod - w.l0 + DAY) % DAY)) / 1000) * 1000;
  const assistantId = r.weighted(seedDef.byType[type]);
  const assistant = seedDef.assistants.find((x) => x.id === assistantId)!;
  const status = r.weighted(STATUS_WEIGHTS[type]);
  const campaigns = seedDef.campaigns.filter((c) => c.assistant_id === assistant.id);
  const roll = r.float();
  const campaign = type === "outbound" && campaigns.length > 0 && roll < 0.8 ? campaigns[Math.floor(r.float() * campaigns.length)] : null;
  const customer = r.pick(customers);
  return buildDraft(r, seedDef, 0, seq, { type, status, assistant, campaign, customer, at, now: anchor, live: false, stale: false });
}

/**
 * A bulk account with `spec.calls` calls, newest first, ids from `firstId` in creation order.
 * Deterministic given the spec, the anchor and the index.
 */
export function generateBulkAccount(spec: BulkAccountSpec, index: number, firstId: number, anchor: number, baseUrl: string): { account: SimAccount; seed: AccountSeed } {
  const seedDef = bulkSeed(spec, index);
  const r = Random.seeded(`whattalk-sim:bulk:${spec.key}`);
  const tz = seedDef.timeZone;
  const customers: Customer[] = [];
  const customerCount = Math.min(50_000, Math.max(200, Math.round(spec.calls / 3)));
  for (let i = 0; i < customerCount; i++) customers.push(makeCustomer(r, seedDef.customerMix, seedDef.region));
  const historyEnd = anchor - 31 * MINUTE;
  const days = spec.days ?? 90;
  const windows = Array.from({ length: days }, (_, k) => {
    const start = historyEnd - (k + 1) * DAY;
    return { start, l0: localTimeOfDay(start, tz) };
  });
  const drafts: Draft[] = [];
  for (let i = 0; i < spec.calls; i++) drafts.push(draftOne(r, seedDef, customers, windows, i, anchor));
  drafts.sort((a, b) => a.at - b.at || a.seq - b.seq);
  const calls: Call[] = new Array(drafts.length);
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i];
    const id = firstId + i;
    // Newest first: the last created is at index 0.
    calls[drafts.length - 1 - i] = callOfDraft(d, id, baseUrl, tz);
  }
  const account: SimAccount = {
    slug: seedDef.slug,
    key: spec.key,
    name: seedDef.name,
    timeZone: tz,
    assistants: seedDef.assistants
      .filter((x) => !x.deleted)
      .map((x) => ({
        id: x.id,
        name: x.name,
        type: x.type,
        language: x.language,
        voice: x.voice,
        model: x.language === "tr" ? "gpt-4o" : "gpt-4o-mini",
        first_message: x.language === "tr" ? `Merhaba, ben ${seedDef.company} adına ${x.persona}.` : `Hi, this is ${x.persona} from ${seedDef.company}.`,
        phone_number: x.phone,
        is_active: x.active,
        created_at: formatInZone(anchor - x.createdDaysAgo * DAY, tz),
        updated_at: formatInZone(anchor - Math.floor(x.createdDaysAgo / 3) * DAY, tz),
      })),
    campaigns: seedDef.campaigns.map(({ id, name, assistant_id }) => ({ id, name, assistant_id })),
    phoneNumbers: seedDef.phoneNumbers.map((p) => ({ ...p })),
    calls,
  };
  return { account, seed: seedDef };
}

/** The dataset with the bulk accounts appended (ids after every generated call), and every account's seed by key. */
export function withBulkAccounts(base: Dataset, specs: readonly BulkAccountSpec[] = []): { dataset: Dataset; seeds: Map<string, AccountSeed> } {
  const seeds = new Map<string, AccountSeed>(ACCOUNT_SEEDS.map((s) => [DEMO_KEYS[s.slug], s]));
  if (specs.length === 0) return { dataset: base, seeds };
  let nextId = 1;
  for (const a of base.accounts) for (const c of a.calls) nextId = Math.max(nextId, c.id + 1);
  const accounts: SimAccount[] = [...base.accounts];
  specs.forEach((spec, i) => {
    if (!spec.key || seeds.has(spec.key)) throw new Error(`extraAccounts[${i}].key must be a new, non-empty API key`);
    if (!Number.isInteger(spec.calls) || spec.calls < 0) throw new Error(`extraAccounts[${i}].calls must be an integer >= 0`);
    const { account, seed } = generateBulkAccount(spec, i, nextId, Date.parse(base.anchor), base.baseUrl);
    nextId += spec.calls;
    accounts.push(account);
    seeds.set(spec.key, seed);
  });
  return { dataset: { ...base, accounts }, seeds };
}
