// "Test connection": tries the stored key against WhatTalk and records the answer.
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { lockAndCheck, actorRole, auditActorOf, type TeamActor } from "@/lib/auth/team-actor";
import { checkApiKey } from "@/lib/credentials/check-key";
import { STATUS_NOTE, noCredentialError, NO_CREDENTIAL_TEXT } from "@/lib/credentials/messages";
import { DecryptError, decryptApiKey } from "@/lib/credentials/secret";
import { markUndecryptable } from "@/lib/credentials/mark";
import { CREDENTIAL_SELECT, toCredentialDTO } from "@/lib/credentials/select";
import type { CredentialDTO, KeyTestResult } from "@/lib/credentials/types";

export type TestCredentialResult = { result: KeyTestResult; message: string; credential: CredentialDTO };

/**
 * Tests the team's stored key (credentials:manage). ok → status OK; rejected → INVALID; WhatTalk
 * unreachable → status unchanged; a value that cannot be decrypted is flagged (enter the key again).
 * A successful decryption clears an earlier "cannot be decrypted" flag (e.g. the old key was put
 * back in the ring). Throws NO_CREDENTIAL (missing) when there is no key.
 */
export async function testCredential(input: { actor: TeamActor }): Promise<TestCredentialResult> {
  const teamId = input.actor.teamId;
  await actorRole(db(), input.actor, "credentials:manage");
  const row = await db().apiCredential.findUnique({ where: { teamId }, select: { id: true, status: true, statusMessage: true, ciphertext: true, label: true } });
  if (!row) throw noCredentialError("missing");

  let result: KeyTestResult;
  let message: string;
  let apiKey: string | null = null;
  try {
    apiKey = decryptApiKey(row.ciphertext, { teamId, credentialId: row.id });
  } catch (error) {
    if (!(error instanceof DecryptError)) throw error;
    await markUndecryptable(input.actor, row.id, error.reason);
  }

  const now = new Date();
  let update: { status?: "OK" | "INVALID"; statusMessage?: string | null; lastCheckedAt?: Date } = {};
  if (apiKey === null) {
    result = "undecryptable";
    message = `${NO_CREDENTIAL_TEXT.undecryptable.message} Enter the key again.`;
  } else {
    const check = await checkApiKey(input.actor, apiKey);
    apiKey = null;
    if (check.outcome === "ok") {
      result = "ok";
      message = "Connected: WhatTalk accepted the key.";
      update = { status: "OK", statusMessage: null, lastCheckedAt: now };
    } else if (check.outcome === "rejected") {
      result = "rejected";
      message = check.message;
      update = { status: "INVALID", statusMessage: STATUS_NOTE.rejected, lastCheckedAt: now };
    } else {
      result = "unreachable";
      message = `WhatTalk could not be reached to test the key: ${check.message}`;
      // The value decrypted fine: an earlier "cannot be decrypted" flag no longer holds.
      if (row.statusMessage === STATUS_NOTE.undecryptable) update = { statusMessage: row.status === "UNCHECKED" ? STATUS_NOTE.unverified : null };
    }
  }

  const updated = await db().$transaction(async (tx) => {
    await lockAndCheck(tx, input.actor, "credentials:manage");
    // Compare-and-set on the id: a key replaced meanwhile is a new row and stays untouched.
    if (Object.keys(update).length) await tx.apiCredential.updateMany({ where: { id: row.id, teamId }, data: update });
    await recordAudit(
      {
        teamId,
        actor: auditActorOf(input.actor),
        action: "credential.tested",
        target: { type: "credential", id: row.id, label: row.label },
        data: { result, previousStatus: row.status.toLowerCase(), status: (update.status ?? row.status).toLowerCase() },
      },
      tx,
    );
    return tx.apiCredential.findUnique({ where: { teamId }, select: CREDENTIAL_SELECT });
  });
  if (!updated) throw noCredentialError("missing");
  return { result, message, credential: toCredentialDTO(updated) };
}
