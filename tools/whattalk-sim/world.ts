// How the simulated world behaves over time (calls finishing, evaluations, arrivals, deletions) and
// the list's filter mode: the settings, their validation and their SIM_* variables.

import { z } from "zod";

export interface World {
  /** Live calls move on to a final status; evaluations arrive after the end. */
  evolve: boolean;
  /** New calls per hour per account (Poisson arrivals); 0 = none. */
  arrivalsPerHour: number;
  /** Calls deleted per hour per account (among its newest 500 calls); 0 = none. */
  deletionsPerHour: number;
  /** An evaluation arrives this long after the call ended: [min, max] ms, uniform. */
  evaluationDelayMs: [number, number];
  /** The call list validates its filters but applies none of them. */
  ignoreFilters: boolean;
}

export const DEFAULT_WORLD: Readonly<World> = Object.freeze({
  evolve: false,
  arrivalsPerHour: 0,
  deletionsPerHour: 0,
  evaluationDelayMs: [60_000, 300_000] as [number, number],
  ignoreFilters: false,
});

/** The world of `npm run demo`: calls finish and arrive (deletions stay off). */
export const DEMO_WORLD: Partial<World> = { evolve: true, arrivalsPerHour: 12 };

// At most one event a second per account and process (poissonGap never waits less than 1 s).
const perHour = z.number().min(0).max(3600);
const delay = z.number().int().min(0).max(86_400_000);

export const WorldPatchSchema = z.strictObject({
  evolve: z.boolean().optional(),
  arrivalsPerHour: perHour.optional(),
  deletionsPerHour: perHour.optional(),
  evaluationDelayMs: z
    .tuple([delay, delay])
    .refine(([a, b]) => a <= b, "min must not exceed max")
    .optional(),
  ignoreFilters: z.boolean().optional(),
});

export type WorldPatch = z.infer<typeof WorldPatchSchema>;

/** Validates a partial world setting; throws an Error listing the problems. */
export function parseWorldPatch(input: unknown): WorldPatch {
  const r = WorldPatchSchema.safeParse(input);
  if (!r.success) throw new Error(r.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; "));
  return r.data;
}

export function mergeWorld(base: World, patch: WorldPatch): World {
  const out: World = { ...base, evaluationDelayMs: [...base.evaluationDelayMs] };
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = Array.isArray(v) ? [...v] : v;
  return out;
}

type Env = Record<string, string | undefined>;

/** The world settings given by SIM_* variables (only those set); throws a readable message on bad values. */
export function worldFromEnv(env: Env): WorldPatch {
  const raw: Record<string, unknown> = {};
  const num = (name: string) => {
    const v = env[name]?.trim();
    if (!v) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`${name}=${v} is invalid (expected a number)`);
    return n;
  };
  const flag = (name: string) => {
    const v = env[name]?.trim().toLowerCase();
    return v ? ["1", "true", "yes", "on"].includes(v) : undefined;
  };
  raw.evolve = flag("SIM_EVOLVE");
  raw.arrivalsPerHour = num("SIM_ARRIVALS_PER_HOUR");
  raw.deletionsPerHour = num("SIM_DELETIONS_PER_HOUR");
  const min = num("SIM_EVALUATION_DELAY_MIN_S");
  const max = num("SIM_EVALUATION_DELAY_MAX_S");
  if (min !== undefined || max !== undefined) {
    const lo = (min ?? DEFAULT_WORLD.evaluationDelayMs[0] / 1000) * 1000;
    raw.evaluationDelayMs = [Math.round(lo), Math.round((max ?? Math.max(lo / 1000, DEFAULT_WORLD.evaluationDelayMs[1] / 1000)) * 1000)];
  }
  raw.ignoreFilters = flag("SIM_IGNORE_FILTERS");
  for (const k of Object.keys(raw)) if (raw[k] === undefined) delete raw[k];
  try {
    return parseWorldPatch(raw);
  } catch (e) {
    throw new Error(`Invalid SIM_* world setting: ${(e as Error).message}`);
  }
}
