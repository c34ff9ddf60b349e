import type { Metadata } from "next";
import { formatDateTime } from "@/components/connection/format";
import { DirectoryList, SyncPanel } from "@/components/directory/directory-manager";
import { SeenNames, type SeenNameRow } from "@/components/directory/seen-names";
import { SectionCard } from "@/components/settings/section-card";
import { PAGE_SCOPES } from "@/lib/http/page-scopes";
import { teamPage } from "@/lib/http/team-page";
import { getCredential } from "@/lib/credentials/get-credential";
import { listDirectory } from "@/lib/directory/list-directory";
import { listSeenNames } from "@/lib/directory/list-seen-names";
import type { SeenName } from "@/lib/directory/types";

export const metadata: Metadata = { title: "Assistants & campaigns" };

export default async function DirectorySettingsPage({ params }: { params: Promise<{ teamSlug: string }> }) {
  const { teamSlug } = await params;
  const access = await teamPage(PAGE_SCOPES["/teams/[teamSlug]/settings/directory"])(teamSlug);
  const [directory, credential, seen] = await Promise.all([listDirectory(access), getCredential(access), listSeenNames(access)]);
  const rows = (names: SeenName[]): SeenNameRow[] =>
    names.map((s) => ({ name: s.name, calls: `${s.callCount.toLocaleString("en-US")}${s.capped ? "+" : ""}`, lastSeen: formatDateTime(s.lastSeenAt, access.team.timeZone) ?? "" }));
  return (
    <div className="space-y-6">
      <SectionCard
        title="Assistants"
        description="The team's WhatTalk assistants, for the call filters and agent assignments. Synced from WhatTalk; if WhatTalk cannot list them, add them by hand."
        contentClassName="space-y-6"
      >
        <SyncPanel
          teamId={access.team.id}
          syncedAt={formatDateTime(directory.sync.syncedAt, access.team.timeZone)}
          error={directory.sync.error}
          connected={credential?.usable ?? false}
        />
        <DirectoryList teamId={access.team.id} kind="assistant" entries={directory.assistants} />
        <SeenNames teamId={access.team.id} kind="assistant" rows={rows(seen.assistants)} />
      </SectionCard>
      <SectionCard
        title="Campaigns"
        description="WhatTalk has no campaign list: campaigns are learned from the calls the portal shows (with their id when the calls carry it, otherwise listed by name below to add with their id), or added here by hand."
        contentClassName="space-y-6"
      >
        <DirectoryList teamId={access.team.id} kind="campaign" entries={directory.campaigns} />
        <SeenNames teamId={access.team.id} kind="campaign" rows={rows(seen.campaigns)} />
      </SectionCard>
    </div>
  );
}
