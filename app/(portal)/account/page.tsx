import type { Metadata } from "next";
import { MyTeams } from "@/components/accounts/my-teams";
import { PasswordForm } from "@/components/accounts/password-form";
import { ProfileForm } from "@/components/accounts/profile-form";
import { SignOutEverywhereButton } from "@/components/accounts/sessions-card";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireUserPage } from "@/lib/auth/page";
import { ROLE_LABELS } from "@/lib/rbac";
import { listUserTeams } from "@/lib/teams/list-user-teams";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requireUserPage();
  const teams = await listUserTeams(user.id);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Account</h1>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Profile</h2>
          </CardTitle>
          <CardDescription>Your name is shown to your teams.</CardDescription>
        </CardHeader>
        <CardContent>
          <ProfileForm name={user.name} email={user.email} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Password</h2>
          </CardTitle>
          <CardDescription>Changing it signs out your other sessions; this browser stays signed in.</CardDescription>
        </CardHeader>
        <CardContent>
          <PasswordForm />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Your teams</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          <MyTeams teams={teams.map((t) => ({ id: t.id, name: t.name, slug: t.slug, roleLabel: ROLE_LABELS[t.role] }))} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Sessions</h2>
          </CardTitle>
          <CardDescription>Lost a device or signed in somewhere public? End every session of your account.</CardDescription>
        </CardHeader>
        <CardContent>
          <SignOutEverywhereButton />
        </CardContent>
      </Card>
    </div>
  );
}
