// Add or replace a team's WhatTalk API key, then sync the assistants with it. It sits above
// lib/credentials and lib/directory (the sync needs the stored key), so neither imports the other back.
import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { logger } from "@/lib/logger";
import { parseOrThrow } from "@/lib/validation/parse";
import { lockAndCheck, actorRole, auditActorOf, type TeamActor } from "@/lib/auth/team-actor";
import { invalidateTeam } from "@/lib/whattalk";
import { checkApiKey } from "@/lib/credentials/check-key";
import { STATUS_NOTE, type StatusNote } from "@/lib/credentials/messages";
import { encryptApiKey, newCredentialId } from "@/lib/credentials/secret";
import { CREDENTIAL_SELECT, toCredentialDTO } from "@/lib/credentials/select";
import { saveCredentialSchema } from "@/lib/credentials/schema";
import type { CredentialDTO } from "@/lib/credentials/types";
import { syncAssistantsAfterSave, type SyncOutcome } from "@/lib/directory/sync-assistants";

export type SaveCredentialResult = {
  credential: CredentialDTO;
  /** True when an earlier key was replaced. */
  replaced: boolean;
  /** Set when the key was saved without being verified. */
  warning: string | null;
  /** The assistants sync run after saving a working key (null when not run). */
  directory: SyncOutcome | null;
};

/**
 * Saves a team's API key (credentials:manage). Unless `check: false` (the CLI's --no-check), the key
 * is first tried against WhatTalk: a key it rejects is refused and nothing is stored; when WhatTalk
 * cannot answer, the key is stored as "unchecked" only with `allowUnchecked: true`.
 *
 * Replacing deletes the old row and creates a new one (new id) in one transaction, so caches keyed
 * by credential id never serve the old account. The ciphertext is bound to the team and the new id.
 * A working key triggers an assistants sync (its failure does not undo the save).
 */
export async function saveCredential(input: { actor: TeamActor; label?: unknown; apiKey: unknown; allowUnchecked?: unknown; check?: boolean }): Promise<SaveCredentialResult> {
  const { label, apiKey, allowUnchecked } = parseOrThrow(saveCredentialSchema, { label: input.label, apiKey: input.apiKey, allowUnchecked: input.allowUnchecked });
  const teamId = input.actor.teamId;
  // Refuse early (before contacting WhatTalk) when the actor may not do this at all.
  await actorRole(db(), input.actor, "credentials:manage");

  let status: "OK" | "UNCHECKED" = "UNCHECKED";
  let note: StatusNote | null = STATUS_NOTE.notChecked;
  let warning: string | null = null;
  let checkedAt: Date | null = null;
  if (input.check !== false) {
    const check = await checkApiKey(input.actor, apiKey);
    if (check.outcome === "rejected") {
      throw new AppError("BAD_REQUEST", check.message, { fieldErrors: { apiKey: [check.message] }, details: { reason: "rejected" } });
    }
    if (check.outcome === "unverified") {
      const message = `The key could not be checked: ${check.message}`;
      if (!allowUnchecked) {
        throw new AppError(check.kind === "timeout" ? "UPSTREAM_TIMEOUT" : "UPSTREAM_ERROR", message, {
          details: { reason: "unverified", upstream: check.kind, action: "Try again later, or save the key anyway as unchecked." },
        });
      }
      note = STATUS_NOTE.unverified;
      warning = `${message} It was saved as unchecked: test the connection once WhatTalk is reachable.`;
    } else {
      status = "OK";
      note = null;
      checkedAt = new Date();
    }
  } else {
    warning = "The key was saved without a check. Test the connection to verify it.";
  }

  const { row, previous } = await db().$transaction(async (tx) => {
    await lockAndCheck(tx, input.actor, "credentials:manage");
    const previous = await tx.apiCredential.findUnique({ where: { teamId }, select: { id: true, label: true, last4: true } });
    if (previous) await tx.apiCredential.delete({ where: { id: previous.id } });
    const id = newCredentialId();
    const { ciphertext, keyId } = encryptApiKey(apiKey, { teamId, credentialId: id });
    const row = await tx.apiCredential.create({
      data: {
        id,
        teamId,
        label,
        last4: apiKey.slice(-4),
        ciphertext,
        keyId,
        status,
        statusMessage: note,
        createdById: input.actor.kind === "member" ? input.actor.userId : null,
        lastCheckedAt: checkedAt,
      },
      select: CREDENTIAL_SELECT,
    });
    await recordAudit(
      {
        teamId,
        actor: auditActorOf(input.actor),
        action: previous ? "credential.replaced" : "credential.added",
        target: { type: "credential", id, label },
        data: {
          label,
          last4: row.last4,
          status: status.toLowerCase(),
          ...(previous ? { previous: { id: previous.id, label: previous.label, last4: previous.last4 } } : {}),
        },
      },
      tx,
    );
    return { row, previous };
  });

  await invalidateTeam(input.actor).catch((error: unknown) => logger.warn({ module: "credentials", teamId, err: { message: (error as Error)?.message } }, "cache invalidation failed"));
  const directory = status === "OK" ? await syncAssistantsAfterSave(input.actor) : null;
  return { credential: toCredentialDTO(row), replaced: previous !== null, warning, directory };
}
