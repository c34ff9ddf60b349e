import type { Metadata } from "next";
import { formatDateTime } from "@/components/connection/format";
import { DirectoryList, SyncPanel } from "@/components/directory/directory-manager";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireTeamPage } from "@/lib/auth/page";
import { getCredential } from "@/lib/credentials/get-credential";
import { listDirectory } from "@/lib/directory/list-directory";

export const metadata: Metadata = { title: "Assistants & campaigns" };

export default async function DirectorySettingsPage({ params }: { params: Promise<{ teamSlug: string }> }) {
  const { teamSlug } = await params;
  const access = await requireTeamPage(teamSlug, "assignments:manage");
  const [directory, credential] = await Promise.all([listDirectory(access.team.id), getCredential(access.team.id)]);
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Assistants</h2>
          </CardTitle>
          <CardDescription>
            The team&apos;s WhatTalk assistants, for the call filters and agent assignments. Synced from WhatTalk; if WhatTalk cannot list them, add them by hand.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-6">
          <SyncPanel
            teamId={access.team.id}
            syncedAt={formatDateTime(directory.sync.syncedAt, access.team.timeZone)}
            error={directory.sync.error}
            connected={credential?.usable ?? false}
          />
          <DirectoryList teamId={access.team.id} kind="assistant" entries={directory.assistants} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Campaigns</h2>
          </CardTitle>
          <CardDescription>WhatTalk has no campaign list: campaigns are learned from the calls the portal shows, or added here by hand.</CardDescription>
        </CardHeader>
        <CardContent>
          <DirectoryList teamId={access.team.id} kind="campaign" entries={directory.campaigns} />
        </CardContent>
      </Card>
    </div>
  );
}
