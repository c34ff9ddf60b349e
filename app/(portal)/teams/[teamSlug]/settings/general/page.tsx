import type { Metadata } from "next";
import { DeleteTeam } from "@/components/settings/delete-team";
import { GeneralSettingsForm } from "@/components/settings/general-settings-form";
import { SectionCard } from "@/components/settings/section-card";
import { PAGE_SCOPES } from "@/lib/http/page-scopes";
import { teamPage } from "@/lib/http/team-page";
import { countryOptions, timeZoneOptions } from "@/lib/teams/options";

export const metadata: Metadata = { title: "Team settings" };

export default async function GeneralSettingsPage({ params }: { params: Promise<{ teamSlug: string }> }) {
  const { teamSlug } = await params;
  const access = await teamPage(PAGE_SCOPES["/teams/[teamSlug]/settings/general"])(teamSlug);
  return (
    <div className="space-y-6">
      <SectionCard title="General" description="The team's name, address, time zone and country.">
        <GeneralSettingsForm team={access.team} timeZones={timeZoneOptions()} countries={countryOptions()} />
      </SectionCard>
      {access.can("team:delete") ? (
        <SectionCard title="Delete team" description="Only owners can delete a team. Everything in it goes with it." className="border-destructive/40">
          <DeleteTeam team={access.team} />
        </SectionCard>
      ) : null}
    </div>
  );
}
