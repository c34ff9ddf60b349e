import "server-only";
import { db } from "@/lib/db";
import { SESSION_MAX_AGE_SECONDS, type SessionClaims } from "@/lib/auth/session";

/**
 * Ends one session for good (signing out): its id is refused by every session check until no token
 * carrying it can still be valid. A token lives SESSION_MAX_AGE from its last re-issue and a revoked
 * session is never re-issued, so the row may go SESSION_MAX_AGE after now (plus a minute for
 * next-auth's 15 s clock tolerance and clock skew). Expired rows are purged here, opportunistically:
 * the table only grows here.
 */
export async function revokeSession(claims: Pick<SessionClaims, "userId" | "sid">, now = new Date()): Promise<void> {
  const expiresAt = new Date(now.getTime() + (SESSION_MAX_AGE_SECONDS + 60) * 1000);
  try {
    await db().revokedSession.createMany({ data: [{ id: claims.sid, userId: claims.userId, expiresAt }], skipDuplicates: true });
  } catch (error) {
    // The user is gone (foreign key): every session of theirs is refused anyway.
    if ((error as { code?: unknown }).code !== "P2003") throw error;
  }
  await purgeRevokedSessions(now);
}

/** Deletes the revocations whose sessions have all expired. Returns how many. */
export async function purgeRevokedSessions(now = new Date()): Promise<number> {
  const { count } = await db().revokedSession.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
