import type { Metadata } from "next";
import { ConnectionStatus } from "@/components/connection/connection-status";
import { CredentialForm } from "@/components/connection/credential-form";
import { formatDateTime } from "@/components/connection/format";
import { SectionCard } from "@/components/settings/section-card";
import { EmptyState } from "@/components/ui/empty-state";
import { PAGE_SCOPES } from "@/lib/http/page-scopes";
import { teamPage } from "@/lib/http/team-page";
import { getCredential } from "@/lib/credentials/get-credential";

export const metadata: Metadata = { title: "WhatTalk connection" };

export default async function ConnectionSettingsPage({ params }: { params: Promise<{ teamSlug: string }> }) {
  const { teamSlug } = await params;
  const access = await teamPage(PAGE_SCOPES["/teams/[teamSlug]/settings/connection"])(teamSlug);
  const credential = await getCredential(access);
  const tz = access.team.timeZone;
  return (
    <div className="space-y-6">
      <SectionCard
        title="WhatTalk connection"
        description={
          <>
            The team&apos;s WhatTalk API key. The portal uses it to load calls, recordings and assistants for everyone in the team; it is stored encrypted and never shown
            again, only its last 4 characters.
          </>
        }
      >
        {credential ? (
          <ConnectionStatus
            teamId={access.team.id}
            credential={credential}
            dates={{ createdAt: formatDateTime(credential.createdAt, tz)!, lastCheckedAt: formatDateTime(credential.lastCheckedAt, tz), lastUsedAt: formatDateTime(credential.lastUsedAt, tz) }}
          />
        ) : (
          <EmptyState titleAs="h3" title="Not connected" description="Add the team's WhatTalk API key below to see calls in the portal." />
        )}
      </SectionCard>
      <SectionCard
        title={credential ? "Replace the API key" : "Add the API key"}
        description={
          credential
            ? "The new key is tested against WhatTalk first and replaces the current one. The audit log keeps a record of the change, not the key."
            : "The key is tested against WhatTalk before it is saved."
        }
      >
        <CredentialForm teamId={access.team.id} hasKey={credential !== null} defaultLabel={credential?.label} />
      </SectionCard>
    </div>
  );
}
