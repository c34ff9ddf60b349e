// The columns of ApiCredential the portal may read for display: never `ciphertext`.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getKeyRing } from "@/lib/crypto/keyring";
import { NO_CREDENTIAL_TEXT, STATUS_NOTE, statusNoteText } from "@/lib/credentials/messages";
import type { CredentialDTO } from "@/lib/credentials/types";

export const CREDENTIAL_SELECT = {
  id: true,
  label: true,
  last4: true,
  keyId: true,
  status: true,
  statusMessage: true,
  createdAt: true,
  lastCheckedAt: true,
  lastUsedAt: true,
  createdBy: { select: { name: true, email: true } },
} as const satisfies Prisma.ApiCredentialSelect;

export type CredentialRow = Prisma.ApiCredentialGetPayload<{ select: typeof CREDENTIAL_SELECT }>;

function ringHas(keyId: string): boolean {
  try {
    return getKeyRing().has(keyId);
  } catch {
    return false;
  }
}

export function toCredentialDTO(row: CredentialRow): CredentialDTO {
  const undecryptable = row.statusMessage === STATUS_NOTE.undecryptable || !ringHas(row.keyId);
  const reason = undecryptable ? "undecryptable" : row.status === "INVALID" ? "invalid" : null;
  return {
    id: row.id,
    label: row.label,
    last4: row.last4,
    status: row.status === "OK" ? "ok" : row.status === "INVALID" ? "invalid" : "unchecked",
    statusNote: undecryptable ? statusNoteText(STATUS_NOTE.undecryptable) : statusNoteText(row.statusMessage),
    usable: reason === null,
    problem: reason ? { reason, ...NO_CREDENTIAL_TEXT[reason] } : null,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy ? { name: row.createdBy.name, email: row.createdBy.email } : null,
    lastCheckedAt: row.lastCheckedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}
