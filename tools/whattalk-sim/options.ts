// The simulator's options, and how the CLI reads them from SIM_* environment variables.

import type { BulkAccountSpec } from "./bulk";
import { DEMO_KEYS, parseInstant } from "./data";
import type { Faults } from "./faults";
import { worldFromEnv, type World } from "./world";

export interface SimulatorOptions {
  /** Port to listen on; 0 = a random free port. Default 4010. */
  port?: number;
  /** Interface to bind. Default (and recommended) 127.0.0.1. */
  host?: string;
  /**
   * Instant the data is anchored to (calls are generated back from it; live calls sit in the 30
   * minutes before it). Default: the end of the current UTC day for the history, the start time
   * for the live calls, and calls later than the real clock stay hidden until their time comes.
   * `"now"` anchors everything to the start time.
   */
  anchor?: Date | string | number;
  /** Base URL for recording_url (e.g. when reached through a proxy). Default: the bound address. */
  publicUrl?: string;
  /** Initial faults (reset() turns them off). */
  faults?: Partial<Faults>;
  /** No console output. */
  quiet?: boolean;
  /** Capacity of the request log ring. Default 20,000. */
  requestLogSize?: number;
  /** Seed of the PRNG deciding random faults and jitter. Default 1. */
  faultSeed?: number;
  /**
   * The simulator's time source (ms since the epoch). Default Date.now. Tests pass a fixed
   * instant and move it with `sim.advance(ms)` / `POST /__control/clock`.
   */
  now?: () => number;
  /** How the world moves on over time (calls finishing, arrivals, deletions) and `ignoreFilters`. Default: still. */
  world?: Partial<World>;
  /** Seed of the world's PRNGs (arrivals, deletions, live calls' courses). Default 1. */
  worldSeed?: number;
  /** More accounts with N generated calls each (benchmarks). */
  extraAccounts?: BulkAccountSpec[];
}

type Env = Record<string, string | undefined>;

const TRUTHY = ["1", "true", "yes", "on"];

/** A number from `env[name]`, or undefined when unset; throws a readable message when out of range. */
function envNumber(env: Env, name: string, opts: { min?: number; max?: number; int?: boolean } = {}): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  const v = Number(raw);
  if (!Number.isFinite(v) || (opts.int && !Number.isInteger(v)) || (opts.min !== undefined && v < opts.min) || (opts.max !== undefined && v > opts.max)) {
    throw new Error(`${name}=${raw} is invalid (expected a number${opts.min !== undefined ? ` >= ${opts.min}` : ""}${opts.max !== undefined ? ` <= ${opts.max}` : ""})`);
  }
  return v;
}

/** A boolean from `env[name]` (1/true/yes/on), or undefined when unset or blank. */
function envFlag(env: Env, name: string): boolean | undefined {
  const raw = env[name]?.trim().toLowerCase();
  return raw ? TRUTHY.includes(raw) : undefined;
}

/** The fault settings given by SIM_* variables (only those set). */
function faultsFromEnv(env: Env): Partial<Faults> {
  const faults: Partial<Faults> = {};
  const set = <K extends keyof Faults>(k: K, v: Faults[K] | undefined) => {
    if (v !== undefined) faults[k] = v;
  };
  set("latencyMs", envNumber(env, "SIM_LATENCY_MS", { min: 0 }));
  set("jitterMs", envNumber(env, "SIM_JITTER_MS", { min: 0 }));
  set("errorRate", envNumber(env, "SIM_ERROR_RATE", { min: 0, max: 1 }));
  set("rateLimitPerMinute", envNumber(env, "SIM_RATE_LIMIT", { min: 0, int: true }));
  set("rateBurstPer10s", envNumber(env, "SIM_RATE_BURST", { min: 0, int: true }));
  set("malformedRate", envNumber(env, "SIM_MALFORMED_RATE", { min: 0, max: 1 }));
  set("hangRate", envNumber(env, "SIM_HANG_RATE", { min: 0, max: 1 }));
  const statuses = env.SIM_ERROR_STATUSES?.trim();
  if (statuses) {
    const list = statuses.split(",").map((s) => Number(s.trim()));
    if (list.some((s) => !Number.isInteger(s) || s < 400 || s > 599)) throw new Error(`SIM_ERROR_STATUSES=${statuses} is invalid (expected e.g. 500,502,503)`);
    faults.errorStatuses = list;
  }
  set("assistants404", envFlag(env, "SIM_ASSISTANTS_404"));
  set("documentedFieldsOnly", envFlag(env, "SIM_DOCUMENTED_FIELDS_ONLY"));
  set("ignoreAssistantFilter", envFlag(env, "SIM_IGNORE_ASSISTANT_FILTER"));
  return faults;
}

/** Reads the simulator's options from environment variables (used by main.ts). */
export function simOptionsFromEnv(env: Env = process.env): SimulatorOptions {
  const faults = faultsFromEnv(env);
  const port = envNumber(env, "SIM_PORT", { min: 0, max: 65535, int: true });
  const anchor = env.SIM_ANCHOR?.trim() || undefined;
  if (anchor && anchor !== "now") parseInstant(anchor, "SIM_ANCHOR");
  const bulk = envNumber(env, "SIM_BULK_CALLS", { min: 1, max: 2_000_000, int: true });
  const world = worldFromEnv(env);
  return {
    ...(Object.keys(world).length > 0 ? { world } : {}),
    ...(bulk ? { extraAccounts: [bulkFromEnv(env, bulk)] } : {}),
    port: port ?? 4010,
    anchor,
    publicUrl: env.SIM_PUBLIC_URL?.trim() || undefined,
    faults,
    quiet: ["1", "true", "yes"].includes((env.SIM_QUIET ?? "").toLowerCase()),
  };
}

/** The bulk account of SIM_BULK_CALLS (key SIM_BULK_KEY, zone SIM_BULK_TIME_ZONE). */
function bulkFromEnv(env: Env, calls: number): BulkAccountSpec {
  const key = env.SIM_BULK_KEY?.trim() || "wt_bulk";
  if ((Object.values(DEMO_KEYS) as string[]).includes(key)) throw new Error(`SIM_BULK_KEY=${key} is a demo account's key`);
  const timeZone = env.SIM_BULK_TIME_ZONE?.trim() || undefined;
  if (timeZone) {
    try {
      new Intl.DateTimeFormat("en", { timeZone });
    } catch {
      throw new Error(`SIM_BULK_TIME_ZONE=${timeZone} is not a time zone`);
    }
  }
  return { key, calls, timeZone };
}
