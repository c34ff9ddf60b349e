import "server-only";
import { invalidateSessions } from "@/lib/auth/invalidate-sessions";

/** Ends every session of the user, this browser's included, on their next request. */
export async function signOutEverywhere(userId: string): Promise<void> {
  await invalidateSessions(userId);
}
