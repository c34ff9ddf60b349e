// The user-facing words for a team's WhatTalk connection problems, shared by the services, the
// NO_CREDENTIAL error other features receive, and the settings page.
import { AppError } from "@/lib/errors";

/** Codes stored in ApiCredential.statusMessage (the page turns them into sentences). */
export const STATUS_NOTE = {
  /** WhatTalk answered 401/403 to this key. */
  rejected: "rejected",
  /** Saved without a check because WhatTalk could not be reached. */
  unverified: "unverified",
  /** Saved from the CLI with --no-check. */
  notChecked: "not_checked",
  /** The stored ciphertext cannot be decrypted with the server's key ring. */
  undecryptable: "undecryptable",
} as const;
export type StatusNote = (typeof STATUS_NOTE)[keyof typeof STATUS_NOTE];

const WHERE = "Settings → WhatTalk connection";

export type NoCredentialReason = "missing" | "invalid" | "undecryptable";

export const NO_CREDENTIAL_TEXT: Record<NoCredentialReason, { message: string; action: string }> = {
  missing: {
    message: "This team is not connected to WhatTalk yet.",
    action: `A team admin needs to add the team's WhatTalk API key under ${WHERE}.`,
  },
  invalid: {
    message: "WhatTalk rejected this team's API key.",
    action: `A team admin needs to test or replace the API key under ${WHERE}.`,
  },
  undecryptable: {
    message: "This team's WhatTalk API key can no longer be read: the server's encryption keys changed.",
    action: `A team admin needs to enter the API key again under ${WHERE}.`,
  },
};

/** The error every WhatTalk-backed feature gets when the team's key cannot be used (HTTP 409). */
export function noCredentialError(reason: NoCredentialReason): AppError {
  const text = NO_CREDENTIAL_TEXT[reason];
  return new AppError("NO_CREDENTIAL", text.message, { details: { reason, action: text.action } });
}

/** A sentence for a stored status note, or null. */
export function statusNoteText(note: string | null): string | null {
  switch (note) {
    case STATUS_NOTE.rejected:
      return "WhatTalk rejected this key.";
    case STATUS_NOTE.unverified:
      return "Saved without a check: WhatTalk could not be reached. Test the connection to verify it.";
    case STATUS_NOTE.notChecked:
      return "Saved from the command line without a check. Test the connection to verify it.";
    case STATUS_NOTE.undecryptable:
      return "The server's encryption keys changed: this key can no longer be read.";
    default:
      return null;
  }
}
