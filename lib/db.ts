// The one Prisma client. Always talks to the PostgreSQL at DATABASE_URL (a real server in
// production, the embedded PGlite server in the demo and tests), through the pg driver adapter.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { LRUCache } from "lru-cache";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

// Query plans. Prisma 6.19's query compiler (engineType "client") turns every query into a plan in
// WebAssembly and keeps none: 0.5–2 ms of CPU per query, most of what the session, membership and
// credential reads of every request cost. A plan is a pure function of the query's JSON (values
// included; ids and timestamps Prisma generates are placeholders evaluated when the plan runs), so
// the plans of reads are kept by that exact text. Only plans: every query still runs in the
// database, nothing read is cached. Writes and raw SQL are compiled every time as before.
const PLAN_CACHE_MAX = 5_000;
/** And at most this many characters of query text and plans as JSON (a plan is a few kB). */
const PLAN_CACHE_MAX_CHARS = 16_000_000;
const PLAN_KEY_MAX_CHARS = 16_384;
const READ_QUERY = /^\{"modelName":"\w+","action":"(findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findMany|count|aggregate|groupBy)"/;

type QueryCompilerClass = { prototype: { compile(request: string): string; __portalPlanCache?: boolean } };

/** Plan cache counters (tests, diagnostics). */
export const planCacheStats = { hits: 0, misses: 0, installed: false };
const plans = new LRUCache<string, string>({ max: PLAN_CACHE_MAX, maxSize: PLAN_CACHE_MAX_CHARS, sizeCalculation: (plan, request) => Math.max(1, planChars(plan) + request.length) });
/** A plan's size as JSON characters (the compiler returns an object; measured once, when it is stored). */
function planChars(plan: unknown): number {
  return typeof plan === "string" ? plan.length : (JSON.stringify(plan)?.length ?? 0);
}
// Diagnostics (SIGUSR2, instrumentation.ts): a bounded cache that fills up is not a leak.
(globalThis as { __portalPlanCacheStats?: () => { entries: number; chars: number; maxChars: number } }).__portalPlanCacheStats = () => ({ entries: plans.size, chars: plans.calculatedSize, maxChars: PLAN_CACHE_MAX_CHARS });
let installing: Promise<boolean> | undefined;

/** Wraps the query compiler's `compile` with the plan cache (once per process; a no-op if Prisma changed shape). */
export function installPlanCache(): Promise<boolean> {
  installing ??= import("@prisma/client/runtime/query_compiler_bg.postgresql.mjs")
    .then((mod: { QueryCompiler?: QueryCompilerClass }) => {
      const proto = mod.QueryCompiler?.prototype;
      if (!proto || typeof proto.compile !== "function") return false;
      if (!proto.__portalPlanCache) {
        const compile = proto.compile;
        proto.compile = function (this: unknown, request: string): string {
          const cached = plans.get(request);
          if (cached !== undefined) {
            planCacheStats.hits++;
            return cached;
          }
          planCacheStats.misses++;
          const plan = compile.call(this, request);
          if (request.length <= PLAN_KEY_MAX_CHARS && READ_QUERY.test(request)) plans.set(request, plan);
          return plan;
        };
        proto.__portalPlanCache = true;
      }
      planCacheStats.installed = true;
      return true;
    })
    .catch(() => false);
  return installing;
}

function createClient() {
  void installPlanCache();
  const connectionString = env().DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: start the portal with `npm run demo` / `npm start`, or set DATABASE_URL.");
  }
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString, max: env().DATABASE_POOL_SIZE }),
    // Waiting for a connection is normal under load (and with the embedded database's single one).
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
  });
}

const globalForDb = globalThis as unknown as { __portalDb?: PrismaClient };

/** Lazily created so that importing this module never needs a database (e.g. during `next build`). */
export function db(): PrismaClient {
  globalForDb.__portalDb ??= createClient();
  return globalForDb.__portalDb;
}

export async function disconnectDb() {
  await globalForDb.__portalDb?.$disconnect();
  globalForDb.__portalDb = undefined;
}

export type { PrismaClient };
export * from "@/lib/generated/prisma/client";

/**
 * A unique-constraint violation (Prisma's P2002), e.g. an e-mail, slug or view name taken by a
 * concurrent request. Checks the code, not the class, so errors from either Prisma runtime match.
 */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
