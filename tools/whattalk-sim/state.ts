// The running simulator's mutable state, shared by the request handlers.

import type { ServerResponse } from "node:http";

import type { Activity } from "./activity";
import { WavCache } from "./audio";
import type { SimClock } from "./clock";
import type { Dataset } from "./data";
import { DEFAULT_FAULTS, RateLimiter, RequestLog, cloneFaults, type Faults } from "./faults";
import { mulberry32, type Rng } from "./prng";
import type { CallStore } from "./store";

export interface SimState {
  host: string;
  /** The bound port (set once listening). */
  port: number;
  store: CallStore;
  dataset: Dataset;
  /** The simulator's time (tests move it forward). */
  clock: SimClock;
  /** Calls finishing, arriving and being deleted over time; the world settings. */
  activity: Activity;
  /** Keys of the bulk accounts (their JSON is not cached, to keep memory flat). */
  bulkKeys: ReadonlySet<string>;
  faults: Faults;
  faultSeed: number;
  /** Decides random faults and jitter; reseeded by a reset. */
  rng: Rng;
  limiter: RateLimiter;
  requestLog: RequestLog;
  wavs: WavCache;
  /** Responses held open by a "hang" fault, destroyed on close. */
  hanging: Set<ServerResponse>;
  timers: Set<NodeJS.Timeout>;
  closed: boolean;
  log(msg: string): void;
}

/** A state without data yet: `store`, `dataset` and `port` are set once the server listens. */
export function createState(opts: { host: string; clock: SimClock; faults: Faults; faultSeed: number; requestLogSize: number; log(msg: string): void }): SimState {
  return {
    host: opts.host,
    port: 0,
    store: undefined as unknown as CallStore,
    dataset: undefined as unknown as Dataset,
    clock: opts.clock,
    activity: undefined as unknown as Activity,
    bulkKeys: new Set(),
    faults: opts.faults,
    faultSeed: opts.faultSeed,
    rng: mulberry32(opts.faultSeed),
    limiter: new RateLimiter(),
    requestLog: new RequestLog(opts.requestLogSize),
    wavs: new WavCache(),
    hanging: new Set(),
    timers: new Set(),
    closed: false,
    log: opts.log,
  };
}

/**
 * Faults off, request log and stats cleared, rate-limit counters cleared, calls restored, the
 * clock back to its source and the world to its start settings.
 */
export function resetState(sim: SimState): void {
  sim.faults = cloneFaults(DEFAULT_FAULTS as Faults);
  sim.rng = mulberry32(sim.faultSeed);
  sim.limiter.clear();
  sim.requestLog.clear();
  sim.requestLog.resetStats();
  sim.store.reset();
  sim.clock.reset();
  sim.activity.reset();
}

/** Waits `ms`, cut short by close() (which clears the timers). */
export function sleep(sim: SimState, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const t = setTimeout(() => {
      sim.timers.delete(t);
      resolve();
    }, ms);
    sim.timers.add(t);
  });
}
