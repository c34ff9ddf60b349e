// The one Prisma client. Always talks to the PostgreSQL at DATABASE_URL (a real server in
// production, the embedded PGlite server in the demo and tests), through the pg driver adapter.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

function createClient() {
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
