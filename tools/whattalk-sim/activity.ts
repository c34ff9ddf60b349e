// The simulated world moving on: live calls finishing and evaluations arriving (evolve.ts), new
// calls (arrivals.ts) and deletions, applied lazily up to the clock's instant before each request,
// in time order. Deterministic given the seed, the clock and the settings changes.

import { LIVE_STATUSES, type Call } from "./data";
import { arrivalOf, poissonGap } from "./arrivals";
import type { SimClock } from "./clock";
import { evaluationDelay, planExisting, planSteps, type Step } from "./evolve";
import { Random } from "./prng";
import type { AccountSeed } from "./seeds";
import type { CallStore } from "./store";
import { formatInZone } from "./tz";
import { mergeWorld, type World, type WorldPatch } from "./world";

interface Pending extends Step {
  seq: number;
  id: number;
  key: string;
}

interface Source {
  r: Random;
  /** Instant of the next event; Infinity when the rate is 0. */
  next: number;
}

/** Deletions pick among an account's newest calls (those a sync refreshes). */
const DELETION_WINDOW = 500;
const HOUR = 3_600_000;

export interface ActivityOptions {
  store: CallStore;
  clock: SimClock;
  /** The account seeds (content profile) by API key. */
  seeds: ReadonlyMap<string, AccountSeed>;
  seed: number;
  world: World;
  /** Live calls created from an hour before this instant on evolve (older ones are stuck, on purpose). */
  liveAnchor: number;
  baseUrl: string;
}

export class Activity {
  world!: World;
  private readonly start: number;
  private queue: Pending[] = [];
  /** Evaluations waiting for their call's final step (then scheduled with the delay in force). */
  private evaluations = new Map<number, Pending>();
  private seq = 0;
  private arrivals = new Map<string, Source>();
  private deletions = new Map<string, Source>();

  constructor(private readonly o: ActivityOptions) {
    this.start = o.clock.now();
    this.reset();
  }

  /** Back to the start: initial settings, the live calls' plans, sources re-seeded. */
  reset(): void {
    this.world = mergeWorld(this.o.world, {});
    this.queue = [];
    this.evaluations.clear();
    this.seq = 0;
    for (const key of this.o.seeds.keys()) {
      this.arrivals.set(key, { r: Random.seeded(`arrivals:${this.o.seed}:${key}`), next: Infinity });
      this.deletions.set(key, { r: Random.seeded(`deletions:${this.o.seed}:${key}`), next: Infinity });
      for (const call of this.o.store.calls(key)) this.planLive(key, call);
    }
    this.restart(this.arrivals, this.world.arrivalsPerHour, this.start);
    this.restart(this.deletions, this.world.deletionsPerHour, this.start);
  }

  private planLive(key: string, call: Call): void {
    const seedDef = this.o.seeds.get(key)!;
    if (!LIVE_STATUSES.includes(call.status)) return;
    const exact = this.o.store.instantOf(call.id);
    if (exact === undefined || exact < this.o.liveAnchor - HOUR) return;
    const r = Random.seeded(`evolve:${this.o.seed}:${call.id}`);
    const steps = planExisting(r, seedDef, call, exact, { start: Math.max(this.start, exact), baseUrl: this.o.baseUrl });
    this.schedule(key, call.id, steps);
  }

  private schedule(key: string, id: number, steps: Step[]): void {
    for (const s of steps) {
      const p: Pending = { ...s, seq: this.seq++, id, key };
      if (s.evaluationFraction !== undefined) {
        this.evaluations.set(id, p);
        continue;
      }
      let lo = 0;
      let hi = this.queue.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const q = this.queue[mid];
        if (q.at < p.at || (q.at === p.at && q.seq < p.seq)) lo = mid + 1;
        else hi = mid;
      }
      this.queue.splice(lo, 0, p);
    }
  }

  private restart(sources: Map<string, Source>, perHour: number, from: number): void {
    for (const s of sources.values()) s.next = perHour > 0 ? from + poissonGap(s.r, perHour) : Infinity;
  }

  /** Changes the settings from now on (after catching up with the old ones). */
  update(patch: WorldPatch): World {
    const now = this.o.clock.now();
    this.catchUp(now);
    const before = this.world;
    this.world = mergeWorld(before, patch);
    if (this.world.arrivalsPerHour !== before.arrivalsPerHour) this.restart(this.arrivals, this.world.arrivalsPerHour, now);
    if (this.world.deletionsPerHour !== before.deletionsPerHour) this.restart(this.deletions, this.world.deletionsPerHour, now);
    return mergeWorld(this.world, {});
  }

  /** Number of lifecycle steps not applied yet. */
  get pending(): number {
    return this.queue.length;
  }

  /** Applies everything due up to `now`, oldest first. */
  catchUp(now: number = this.o.clock.now()): void {
    for (;;) {
      const step = this.world.evolve && this.queue.length > 0 ? this.queue[0].at : Infinity;
      const [arrivalKey, arrivalAt] = earliest(this.arrivals);
      const [deletionKey, deletionAt] = earliest(this.deletions);
      const t = Math.min(step, arrivalAt, deletionAt);
      if (t > now || t === Infinity) return;
      if (t === step) this.applyStep(this.queue.shift()!);
      else if (t === arrivalAt) this.arrive(arrivalKey!, t);
      else this.deleteOne(deletionKey!, t);
    }
  }

  private applyStep(p: Pending): void {
    const tz = this.o.store.account(p.key)?.timeZone;
    if (!tz || !this.o.store.find(p.id)) {
      this.evaluations.delete(p.id); // deleted meanwhile
      return;
    }
    this.o.store.patch(p.id, { ...p.fields, updated_at: formatInZone(p.at, tz) });
    const evaluation = this.evaluations.get(p.id);
    if (evaluation && p.at >= evaluation.at && p.evaluationFraction === undefined) {
      this.evaluations.delete(p.id);
      const at = p.at + evaluationDelay(evaluation.evaluationFraction!, this.world.evaluationDelayMs);
      this.schedule(p.key, p.id, [{ at, fields: evaluation.fields }]);
    }
  }

  private arrive(key: string, at: number): void {
    const src = this.arrivals.get(key)!;
    const seedDef = this.o.seeds.get(key)!;
    const r = Random.seeded(`arrival:${this.o.seed}:${key}:${at}`);
    const a = arrivalOf(r, seedDef, at);
    const call = this.o.store.add(key, a.fields);
    const steps = planSteps(r, a.draft, { id: call.id, type: a.type, at, from: a.from, start: at, baseUrl: this.o.baseUrl });
    this.schedule(key, call.id, steps);
    src.next = at + poissonGap(src.r, this.world.arrivalsPerHour);
  }

  private deleteOne(key: string, at: number): void {
    const src = this.deletions.get(key)!;
    const newest = this.o.store.newest(key, DELETION_WINDOW);
    if (newest.length > 0) this.o.store.delete(key, newest[Math.floor(src.r.float() * newest.length)].id);
    src.next = at + poissonGap(src.r, this.world.deletionsPerHour);
  }
}

function earliest(sources: Map<string, Source>): [string | undefined, number] {
  let key: string | undefined;
  let at = Infinity;
  for (const [k, s] of sources) {
    if (s.next < at) {
      key = k;
      at = s.next;
    }
  }
  return [key, at];
}
