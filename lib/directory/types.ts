// The team's directory of WhatTalk assistants and campaigns (ids and names), for filter pickers and
// agent assignments. `source`: SYNC (from WhatTalk's assistant list), MANUAL (entered by an admin),
// LEARNED (seen in calls).
export type DirectorySourceName = "SYNC" | "MANUAL" | "LEARNED";

export type DirectoryEntry = { id: number; name: string; source: DirectorySourceName };

export type DirectoryKind = "assistant" | "campaign";

export type Directory = {
  assistants: DirectoryEntry[];
  campaigns: DirectoryEntry[];
  /** The last assistants sync from WhatTalk: when it succeeded, and the error of the last attempt. */
  sync: { syncedAt: string | null; error: string | null };
};

/** A name seen in calls that carry no id, not in the directory yet (admins add it with its id). */
export type SeenName = {
  name: string;
  /** Distinct calls it was seen in; `capped`: the count stopped at its bound (shown as "1,000+"). */
  callCount: number;
  capped: boolean;
  firstSeenAt: string;
  lastSeenAt: string;
};

export type SeenNames = { assistants: SeenName[]; campaigns: SeenName[] };
