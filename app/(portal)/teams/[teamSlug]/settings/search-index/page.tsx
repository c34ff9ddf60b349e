import type { Metadata } from "next";
import { IndexControls } from "@/components/call-index/index-controls";
import { IndexStatusPanel } from "@/components/call-index/index-status-panel";
import { RetentionForm } from "@/components/call-index/retention-form";
import { formatDateTime } from "@/components/connection/format";
import { SectionCard } from "@/components/settings/section-card";
import { getIndexStatus } from "@/lib/call-index/status";
import { teamPage } from "@/lib/http/team-page";
import { PAGE_SCOPES } from "@/lib/http/page-scopes";

export const metadata: Metadata = { title: "Search index" };

export default async function SearchIndexSettingsPage({ params }: { params: Promise<{ teamSlug: string }> }) {
  const { teamSlug } = await params;
  const access = await teamPage(PAGE_SCOPES["/teams/[teamSlug]/settings/search-index"])(teamSlug);
  const status = await getIndexStatus(access);
  const tz = access.team.timeZone;
  const fmt = (iso: string | null) => formatDateTime(iso, tz);
  const dates = {
    oldest: fmt(status.oldestCallAt),
    newest: fmt(status.newestCallAt),
    lastSync: fmt(status.lastSyncAt),
    reachesBackTo: fmt(status.reachesBackTo),
    errorAt: fmt(status.error?.at ?? null),
    rebuildRequestedAt: fmt(status.rebuildRequestedAt),
  };
  const manage = access.can("team:settings");
  return (
    <div className="space-y-6">
      <SectionCard
        title="Search index"
        description="A copy of the team's calls in the portal's database, kept fresh in the background, for transcript search and the filters WhatTalk lacks."
        contentClassName="space-y-6"
      >
        <IndexStatusPanel status={status} dates={dates} />
        {manage && status.retentionDays !== null ? <IndexControls teamId={access.team.id} paused={status.paused} /> : null}
      </SectionCard>
      <SectionCard
        title="Retention"
        description="The index keeps the calls of this many days, with their transcripts and phone numbers (personal data); older calls are deleted daily. Turning the index off deletes it."
      >
        {manage ? (
          <RetentionForm teamId={access.team.id} retentionDays={status.retentionDays} callsIndexed={status.callsIndexed} />
        ) : (
          <p className="text-sm text-muted-foreground">
            {status.retentionDays === null ? "The index is off." : `${status.retentionDays} days.`} Owners and admins change it.
          </p>
        )}
      </SectionCard>
    </div>
  );
}
