// THE way features get a WhatTalk context for a team (lib/calls and the directory use it).
//
//   const ctx = await whatTalkContextForTeam(teamId, { memberId: access.user.id });   // throws AppError NO_CREDENTIAL
//   const { data } = await listCalls(ctx, query);
//
// No key, a key WhatTalk rejected (status INVALID) or a value that cannot be decrypted throw
// `AppError("NO_CREDENTIAL", message, { details: { reason: "missing" | "invalid" | "undecryptable", action } })`.
// Otherwise `apiKey` is a function: the key is decrypted only when the client actually sends a
// request (cache hits never decrypt), and each use updates lastUsedAt (at most once a minute).
// A 401/403 from WhatTalk marks the credential INVALID (audit `credential.marked_invalid`, log).
import "server-only";
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
    if (row.statusMessage !== STATUS_NOTE.undecryptable) await markUndecryptable(teamId, row.id, "unknown_key");
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
          await markUndecryptable(teamId, credentialId, error.reason);
          throw noCredentialError("undecryptable");
        }
        throw error;
      }
      touchLastUsed(credentialId);
      return key;
    },
    onUnauthorized: async (event) => {
      await markCredentialInvalid(event);
    },
  };
}
