// Status changes the portal makes on its own: a key WhatTalk refused, a value that cannot be
// decrypted, and "last used" (throttled). Each is a compare-and-set on the row, so a key replaced
// in the meantime (new id) is never touched, and only the first of concurrent reports is recorded.
// `actor` names the team whose key it is; the portal makes the change itself (audit actor: none).
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import type { TeamActor } from "@/lib/auth/team-actor";
import { STATUS_NOTE } from "@/lib/credentials/messages";
import { logger } from "@/lib/logger";
import { invalidateTeam } from "@/lib/whattalk";

/** WhatTalk answered 401/403 to this credential: status INVALID, audit, log. True when this call changed it. */
export async function markCredentialInvalid(actor: TeamActor, event: { credentialId: string; status: number }): Promise<boolean> {
  const teamId = actor.teamId;
  const now = new Date();
  const changed = await db().$transaction(async (tx) => {
    const row = await tx.apiCredential.findFirst({ where: { id: event.credentialId, teamId }, select: { label: true, last4: true } });
    if (!row) return false;
    const r = await tx.apiCredential.updateMany({
      where: { id: event.credentialId, teamId, status: { not: "INVALID" } },
      data: { status: "INVALID", statusMessage: STATUS_NOTE.rejected, lastCheckedAt: now },
    });
    if (r.count === 0) return false;
    await recordAudit(
      {
        teamId,
        actor: null,
        action: "credential.marked_invalid",
        target: { type: "credential", id: event.credentialId, label: row.label },
        data: { reason: "rejected", httpStatus: event.status, last4: row.last4 },
      },
      tx,
    );
    return true;
  });
  if (changed) {
    logger.warn({ module: "credentials", teamId, credentialId: event.credentialId, httpStatus: event.status }, "WhatTalk rejected the team's API key: marked invalid");
    await invalidateTeam(actor).catch(() => {});
  }
  return changed;
}

/** The stored value cannot be decrypted: flag it (the page asks for the key again), audit, log. */
export async function markUndecryptable(actor: TeamActor, credentialId: string, reason: string): Promise<boolean> {
  const teamId = actor.teamId;
  const changed = await db().$transaction(async (tx) => {
    const row = await tx.apiCredential.findFirst({ where: { id: credentialId, teamId }, select: { label: true, last4: true, keyId: true } });
    if (!row) return false;
    const r = await tx.apiCredential.updateMany({
      where: { id: credentialId, teamId, OR: [{ statusMessage: null }, { statusMessage: { not: STATUS_NOTE.undecryptable } }] },
      data: { statusMessage: STATUS_NOTE.undecryptable },
    });
    if (r.count === 0) return false;
    await recordAudit(
      {
        teamId,
        actor: null,
        action: "credential.marked_invalid",
        target: { type: "credential", id: credentialId, label: row.label },
        data: { reason: "undecryptable", detail: reason, keyId: row.keyId, last4: row.last4 },
      },
      tx,
    );
    return true;
  });
  if (changed) logger.error({ module: "credentials", teamId, credentialId, reason }, "the team's API key cannot be decrypted with the server's key ring: marked unusable");
  return changed;
}

const LAST_USED_EVERY_MS = 60_000;
const lastUsedWrites = new Map<string, number>();

/** Records that the key was used for an upstream request: at most once a minute per credential (per process and in the database). */
export async function touchLastUsed(credentialId: string, now = Date.now()): Promise<void> {
  const last = lastUsedWrites.get(credentialId);
  if (last !== undefined && now - last < LAST_USED_EVERY_MS) return;
  if (lastUsedWrites.size > 10_000) lastUsedWrites.clear();
  lastUsedWrites.set(credentialId, now);
  await db()
    .apiCredential.updateMany({
      where: { id: credentialId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now - LAST_USED_EVERY_MS) } }] },
      data: { lastUsedAt: new Date(now) },
    })
    .catch((error: unknown) => logger.warn({ module: "credentials", credentialId, err: { message: (error as Error)?.message } }, "could not record the key's last use"));
}

/** For tests: forget the last-used throttle. */
export function resetLastUsedThrottleForTests(): void {
  lastUsedWrites.clear();
}
