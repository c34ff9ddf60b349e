// THE way features get a WhatTalk context for a team; throws AppError NO_CREDENTIAL without a usable key.
// Lazy decryption and invalid keys: docs/design-notes.md.
// Status writes (invalid, undecryptable, lastUsedAt) run after the response (lib/after-response.ts).
import "server-only";
import { scheduleAfterResponse } from "@/lib/after-response";
import { db } from "@/lib/db";
import { DecryptError, decryptApiKey, keyRingOrThrow, looksDecryptable } from "@/lib/credentials/secret";
import { STATUS_NOTE, noCredentialError } from "@/lib/credentials/messages";
import { markCredentialInvalid, markUndecryptable, touchLastUsed } from "@/lib/credentials/mark";
import type { WhatTalkContext } from "@/lib/whattalk";

/** `memberId`: the user the requests are made for; they count against that member's share of the team budget. */
export async function whatTalkContextForTeam(teamId: string, opts: { memberId?: string } = {}): Promise<WhatTalkContext> {
  const row = await db().apiCredential.findUnique({
    where: { teamId },
    select: { id: true, teamId: true, status: true, statusMessage: true, keyId: true, ciphertext: true },
  });
  if (!row) throw noCredentialError("missing");
  const ring = keyRingOrThrow();
  if (row.statusMessage === STATUS_NOTE.undecryptable || !looksDecryptable(ring, row.ciphertext, row.keyId)) {
    if (row.statusMessage !== STATUS_NOTE.undecryptable) markUndecryptableAfterResponse(teamId, row.id, "unknown_key");
    throw noCredentialError("undecryptable");
  }
  if (row.status === "INVALID") throw noCredentialError("invalid");

  const credentialId = row.id;
  const ciphertext = row.ciphertext;
  return {
    teamId,
    ...(opts.memberId ? { memberId: opts.memberId } : {}),
    credentialId,
    apiKey: async () => {
      let key: string;
      try {
        key = decryptApiKey(ciphertext, { teamId, credentialId });
      } catch (error) {
        if (error instanceof DecryptError) {
          markUndecryptableAfterResponse(teamId, credentialId, error.reason);
          throw noCredentialError("undecryptable");
        }
        throw error;
      }
      const usedAt = Date.now();
      scheduleAfterResponse("recording the key's last use", () => touchLastUsed(credentialId, usedAt), { module: "credentials", credentialId });
      return key;
    },
    onUnauthorized: (event) => scheduleAfterResponse("marking the rejected key invalid", () => markCredentialInvalid(event), { module: "credentials", teamId }),
  };
}

/** The answer (NO_CREDENTIAL) does not wait for the flag, its audit row and log line. */
function markUndecryptableAfterResponse(teamId: string, credentialId: string, reason: string): void {
  scheduleAfterResponse("flagging the undecryptable key", () => markUndecryptable(teamId, credentialId, reason), { module: "credentials", teamId, credentialId });
}
