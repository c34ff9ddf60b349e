import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";

/**
 * Bumps the user's session version inside a transaction: every session issued before is rejected on
 * its next request (lib/auth/session.ts). Free of request APIs, so services and the CLI can use it.
 * Returns the new version.
 */
export async function invalidateSessions(userId: string, tx: Prisma.TransactionClient = db()): Promise<number> {
  const u = await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } }, select: { sessionVersion: true } });
  return u.sessionVersion;
}
