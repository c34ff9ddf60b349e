import type { Metadata } from "next";
import { DeleteTeam } from "@/components/settings/delete-team";
import { GeneralSettingsForm } from "@/components/settings/general-settings-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PAGE_SCOPES } from "@/lib/http/page-scopes";
import { teamPage } from "@/lib/http/team-page";
import { countryOptions, timeZoneOptions } from "@/lib/teams/options";

export const metadata: Metadata = { title: "Team settings" };

export default async function GeneralSettingsPage({ params }: { params: Promise<{ teamSlug: string }> }) {
  const { teamSlug } = await params;
  const access = await teamPage(PAGE_SCOPES["/teams/[teamSlug]/settings/general"])(teamSlug);
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>General</h2>
          </CardTitle>
          <CardDescription>The team&apos;s name, address, time zone and country.</CardDescription>
        </CardHeader>
        <CardContent>
          <GeneralSettingsForm team={access.team} timeZones={timeZoneOptions()} countries={countryOptions()} />
        </CardContent>
      </Card>
      {access.can("team:delete") ? (
        <Card className="border-destructive/40">
          <CardHeader>
            <CardTitle>
              <h2>Delete team</h2>
            </CardTitle>
            <CardDescription>Only owners can delete a team. Everything in it goes with it.</CardDescription>
          </CardHeader>
          <CardContent>
            <DeleteTeam team={access.team} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
