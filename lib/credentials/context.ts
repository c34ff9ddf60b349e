// THE way features get a WhatTalk context for a team; throws AppError NO_CREDENTIAL without a usable key.
// Lazy decryption and invalid keys: docs/design-notes.md.
// Status writes (invalid, undecryptable, lastUsedAt) run after the response (lib/after-response.ts).
import "server-only";
import { scheduleAfterResponse } from "@/lib/after-response";
import { db } from "@/lib/db";
import { actorOf, assertTeamScope, type TeamActor, type TeamReader } from "@/lib/auth/team-actor";
import { CALL_READ_SCOPES } from "@/lib/rbac";
import { DecryptError, decryptApiKey, keyRingOrThrow, looksDecryptable } from "@/lib/credentials/secret";
import { STATUS_NOTE, noCredentialError } from "@/lib/credentials/messages";
import { markCredentialInvalid, markUndecryptable, touchLastUsed } from "@/lib/credentials/mark";
import type { WhatTalkContext } from "@/lib/whattalk";

/**
 * The team's key for the requests of `who`. A reader holds a calls scope (every read through WhatTalk
 * is of calls); an actor is a mutation that has re-checked its own scope (`actorRole`). A member's
 * requests count against their share of the team budget (`memberId`); an operator's only against the team's.
 */
export async function whatTalkContextForTeam(who: TeamReader | TeamActor): Promise<WhatTalkContext> {
  if (!("kind" in who)) assertTeamScope(who, CALL_READ_SCOPES);
  const actor = actorOf(who);
  const teamId = actor.teamId;
  const row = await db().apiCredential.findUnique({
    where: { teamId },
    select: { id: true, teamId: true, status: true, statusMessage: true, keyId: true, ciphertext: true },
  });
  if (!row) throw noCredentialError("missing");
  const ring = keyRingOrThrow();
  if (row.statusMessage === STATUS_NOTE.undecryptable || !looksDecryptable(ring, row.ciphertext, row.keyId)) {
    if (row.statusMessage !== STATUS_NOTE.undecryptable) markUndecryptableAfterResponse(actor, row.id, "unknown_key");
    throw noCredentialError("undecryptable");
  }
  if (row.status === "INVALID") throw noCredentialError("invalid");

  const credentialId = row.id;
  const ciphertext = row.ciphertext;
  return {
    teamId,
    ...(actor.kind === "member" ? { memberId: actor.userId } : {}),
    credentialId,
    apiKey: async () => {
      let key: string;
      try {
        key = decryptApiKey(ciphertext, { teamId, credentialId });
      } catch (error) {
        if (error instanceof DecryptError) {
          markUndecryptableAfterResponse(actor, credentialId, error.reason);
          throw noCredentialError("undecryptable");
        }
        throw error;
      }
      const usedAt = Date.now();
      scheduleAfterResponse("recording the key's last use", () => touchLastUsed(credentialId, usedAt), { module: "credentials", credentialId });
      return key;
    },
    onUnauthorized: (event) => scheduleAfterResponse("marking the rejected key invalid", () => markCredentialInvalid(actor, event), { module: "credentials", teamId }),
  };
}

/** The answer (NO_CREDENTIAL) does not wait for the flag, its audit row and log line. */
function markUndecryptableAfterResponse(actor: TeamActor, credentialId: string, reason: string): void {
  scheduleAfterResponse("flagging the undecryptable key", () => markUndecryptable(actor, credentialId, reason), { module: "credentials", teamId: actor.teamId, credentialId });
}
