import type { Metadata } from "next";
import { CreateTeamForm } from "@/components/accounts/create-team-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireUserPage } from "@/lib/auth/page";
import { countryOptions, timeZoneOptions } from "@/lib/teams/options";

export const metadata: Metadata = { title: "Create a team" };

export default async function NewTeamPage() {
  await requireUserPage();
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h1 className="text-xl font-semibold">Create a team</h1>
        </CardTitle>
        <CardDescription>You become its owner and can invite admins, supervisors and agents next.</CardDescription>
      </CardHeader>
      <CardContent>
        <CreateTeamForm timeZones={timeZoneOptions()} countries={countryOptions()} />
      </CardContent>
    </Card>
  );
}
