// The simulator's mutable view of the dataset: per-account call lists kept sorted newest first,
// copy-on-write over the frozen generated data, with cached JSON per call object.

import {
  callInstant,
  compareNewestFirst,
  recordingUrl,
  type Call,
  type Dataset,
  type SimAccount,
} from "./data";
import { newCall } from "./new-call";
import { LOCAL_TIMESTAMP_RE, formatInZone, isCalendarDate, zonedToEpoch } from "./tz";

export interface CallFilters {
  status?: string;
  type?: string;
  /** Substring of client_phone_number, after removing spaces from the query. */
  phone?: string;
  assistantId?: number;
  campaignId?: number;
  /** YYYY-MM-DD in the account's zone, inclusive. */
  dateFrom?: string;
  /** YYYY-MM-DD in the account's zone, inclusive through 23:59:59. */
  dateTo?: string;
}

interface Entry {
  call: Call;
  /** Instant of created_at (ms). */
  at: number;
  /** created_at's local date, YYYY-MM-DD. */
  day: string;
  id: number;
  key: string;
}

/** Thrown for bad control-API input; the server answers 400 with the message. */
export class StoreInputError extends Error {}

/** Fields the simulator adds to the documented call object (see /work/shared/whattalk/README.md). */
export const UNDOCUMENTED_CALL_FIELDS = ["assistant_id", "campaign_id"] as const;

function withoutUndocumented(call: Call): Record<string, unknown> {
  const out: Record<string, unknown> = { ...call };
  for (const k of UNDOCUMENTED_CALL_FIELDS) delete out[k];
  return out;
}

function entryOf(call: Call, key: string, timeZone: string, at: number = callInstant(call, timeZone)): Entry {
  return { call, at, day: call.created_at.slice(0, 10), id: call.id, key };
}

/** The first index in [lo, hi) where `before(i)` turns false (it must be true, then false). */
function partitionPoint(lo: number, hi: number, before: (i: number) => boolean): number {
  let a = lo;
  let b = hi;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (before(mid)) a = mid + 1;
    else b = mid;
  }
  return a;
}

export class CallStore {
  private lists = new Map<string, Entry[]>();
  private pristine = new Map<string, Entry[]>();
  private maxPristineId = 0;
  private byId = new Map<number, Entry>();
  private accounts = new Map<string, SimAccount>();
  private json = new WeakMap<Call, Buffer>();
  private documentedJson = new WeakMap<Call, Buffer>();
  private nextId = 0;

  constructor(
    readonly dataset: Dataset,
    /** Calls created after this instant are not visible yet (default mode hides the future). */
    private readonly visibleUntil: () => number = () => Number.POSITIVE_INFINITY,
    /** The simulator's clock (default updated_at of patches, created_at of added calls). */
    private readonly now: () => number = Date.now,
  ) {
    for (const a of dataset.accounts) {
      this.accounts.set(a.key, a);
      const list = a.calls.map((c) => entryOf(c, a.key, a.timeZone));
      list.sort(compareNewestFirst);
      this.pristine.set(a.key, list);
      for (const e of list) if (e.id > this.maxPristineId) this.maxPristineId = e.id;
    }
    this.reset();
  }

  /** Serializes every call once (except `skip`ped accounts'), so the first requests are as fast as later ones. */
  prewarm(skip: ReadonlySet<string> = new Set()): void {
    for (const [key, list] of this.pristine) if (!skip.has(key)) for (const e of list) this.toJson(e.call);
  }

  /** Restores the generated calls (undoes deletes, patches and additions). */
  reset(): void {
    this.lists.clear();
    this.byId.clear();
    for (const [key, list] of this.pristine) {
      this.lists.set(key, list.slice());
      for (const e of list) this.byId.set(e.id, e);
    }
    this.nextId = this.maxPristineId + 1;
  }

  account(key: string): SimAccount | undefined {
    return this.accounts.get(key);
  }

  /**
   * The call as UTF-8 JSON (cached per call object; patches create new objects). With
   * `documentedOnly`, without the fields the documentation does not list (`assistant_id`,
   * `campaign_id`), as the real API may answer. `cache: false` (bulk accounts) keeps memory flat.
   */
  toJson(call: Call, documentedOnly = false, cache = true): Buffer {
    const map = documentedOnly ? this.documentedJson : this.json;
    let b = map.get(call);
    if (b === undefined) {
      b = Buffer.from(JSON.stringify(documentedOnly ? withoutUndocumented(call) : call));
      if (cache) map.set(call, b);
    }
    return b;
  }

  /** Index of the first entry visible now (lists are newest first). */
  private firstVisible(list: Entry[]): number {
    const cutoff = this.visibleUntil();
    if (cutoff === Number.POSITIVE_INFINITY || list.length === 0 || list[0].at <= cutoff) return 0;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].at > cutoff) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private visible(e: Entry): boolean {
    return e.at <= this.visibleUntil();
  }

  /** Filters, counts and slices one account's calls. `offset`/`limit` select the page. */
  list(key: string, f: CallFilters, offset: number, limit: number): { total: number; calls: Call[] } {
    const list = this.lists.get(key) ?? [];
    let lo = this.firstVisible(list);
    let hi = list.length;
    // Local dates never decrease with the instant, so date bounds are binary searches.
    if (f.dateTo !== undefined) {
      const to = f.dateTo;
      lo = partitionPoint(lo, hi, (i) => list[i].day > to);
    }
    if (f.dateFrom !== undefined) {
      const from = f.dateFrom;
      hi = partitionPoint(lo, hi, (i) => list[i].day >= from);
    }
    const { status, type, assistantId, campaignId } = f;
    const phone = f.phone;
    if (status === undefined && type === undefined && assistantId === undefined && campaignId === undefined && phone === undefined) {
      // Only dates (or nothing): the page is a slice, O(page) even over 100,000 calls.
      const from = Math.min(hi, lo + offset);
      return { total: hi - lo, calls: list.slice(from, Math.min(hi, from + limit)).map((e) => e.call) };
    }
    const calls: Call[] = [];
    let total = 0;
    const end = offset + limit;
    for (let i = lo; i < hi; i++) {
      const c = list[i].call;
      if (status !== undefined && c.status !== status) continue;
      if (type !== undefined && c.type !== type) continue;
      if (assistantId !== undefined && c.assistant_id !== assistantId) continue;
      if (campaignId !== undefined && c.campaign_id !== campaignId) continue;
      if (phone !== undefined && (typeof c.client_phone_number !== "string" || !c.client_phone_number.includes(phone))) continue;
      if (total >= offset && total < end) calls.push(c);
      total++;
    }
    return { total, calls };
  }

  /** A visible call of this account. */
  get(key: string, id: number): Call | undefined {
    const e = this.byId.get(id);
    return e && e.key === key && this.visible(e) ? e.call : undefined;
  }

  /** Any call by id, whatever its account and visibility (control API, recordings). */
  find(id: number): { key: string; call: Call } | undefined {
    const e = this.byId.get(id);
    return e ? { key: e.key, call: e.call } : undefined;
  }

  delete(key: string, id: number): boolean {
    const e = this.byId.get(id);
    if (!e || e.key !== key || !this.visible(e)) return false;
    this.remove(e);
    return true;
  }

  /** Current calls of an account, newest first (including not-yet-visible ones). */
  calls(key: string): Call[] {
    return (this.lists.get(key) ?? []).map((e) => e.call);
  }

  private remove(e: Entry): void {
    const list = this.lists.get(e.key)!;
    const i = this.indexOf(list, e);
    if (i >= 0) list.splice(i, 1);
    this.byId.delete(e.id);
  }

  private indexOf(list: Entry[], e: Entry): number {
    const lo = partitionPoint(0, list.length, (i) => compareNewestFirst(list[i], e) < 0);
    return list[lo] === e ? lo : list.indexOf(e);
  }

  private insert(e: Entry): void {
    const list = this.lists.get(e.key)!;
    list.splice(partitionPoint(0, list.length, (i) => compareNewestFirst(list[i], e) < 0), 0, e);
    this.byId.set(e.id, e);
  }

  private normalize(fields: Record<string, unknown>, id: number, timeZone: string): Record<string, unknown> {
    if ("id" in fields) throw new StoreInputError("id cannot be set");
    const out: Record<string, unknown> = { ...fields };
    if (out.recording_url === true) out.recording_url = recordingUrl(this.dataset.baseUrl, id);
    for (const f of ["created_at", "updated_at"] as const) {
      if (f in out) {
        const v = out[f];
        const m = typeof v === "string" ? LOCAL_TIMESTAMP_RE.exec(v) : null;
        if (!m || !isCalendarDate(m[0].slice(0, 10)) || +m[4] > 23 || +m[5] > 59 || +m[6] > 59 || Number.isNaN(zonedToEpoch(m[0], timeZone))) {
          throw new StoreInputError(`${f} must be "YYYY-MM-DD HH:MM:SS" (the account's local time)`);
        }
      }
    }
    return out;
  }

  /**
   * Merges fields into a call (any account). `updated_at` becomes now unless given;
   * `recording_url: true` means "a recording served by this simulator".
   */
  patch(id: number, fields: Record<string, unknown>): Call | undefined {
    const e = this.byId.get(id);
    if (!e) return undefined;
    const account = this.accounts.get(e.key)!;
    const norm = this.normalize(fields, id, account.timeZone);
    if (!("updated_at" in norm)) norm.updated_at = formatInZone(this.now(), account.timeZone);
    const call = { ...e.call, ...norm } as Call;
    this.remove(e);
    const at = "created_at" in norm ? zonedToEpoch(call.created_at, account.timeZone) : e.at;
    this.insert(entryOf(call, e.key, account.timeZone, at));
    return call;
  }

  /** Adds a call to an account; missing fields get the defaults of a fresh outbound call. */
  add(key: string, fields: Record<string, unknown>): Call {
    const account = this.accounts.get(key);
    if (!account) throw new StoreInputError("key must be one of the simulator's API keys");
    const id = this.nextId++;
    const call = newCall(account, id, this.normalize(fields, id, account.timeZone), this.now());
    this.insert(entryOf(call, key, account.timeZone));
    return call;
  }

  /** The created_at instant of a call (any account), or undefined. */
  instantOf(id: number): number | undefined {
    return this.byId.get(id)?.at;
  }

  /** An account's newest visible calls, at most `limit`. */
  newest(key: string, limit: number): Call[] {
    const list = this.lists.get(key) ?? [];
    const from = this.firstVisible(list);
    return list.slice(from, from + limit).map((e) => e.call);
  }
}
