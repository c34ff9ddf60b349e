// What the portal shows about a team's WhatTalk API key: metadata only, never the key or its ciphertext.

export type CredentialStatusName = "ok" | "invalid" | "unchecked";

/** Why a stored key cannot be used right now. */
export type CredentialProblemReason = "invalid" | "undecryptable";

export type CredentialDTO = {
  id: string;
  label: string;
  /** The key's last 4 characters, shown as "•••• abcd". */
  last4: string;
  status: CredentialStatusName;
  /** Extra explanation of the status (e.g. why it is unchecked), for people. */
  statusNote: string | null;
  /** False when the portal cannot call WhatTalk with this key (rejected, or cannot be decrypted). */
  usable: boolean;
  problem: { reason: CredentialProblemReason; message: string; action: string } | null;
  createdAt: string;
  createdBy: { name: string; email: string } | null;
  lastCheckedAt: string | null;
  lastUsedAt: string | null;
};

/** The outcome of testing a key against WhatTalk. */
export type KeyTestResult = "ok" | "rejected" | "unreachable" | "undecryptable";
