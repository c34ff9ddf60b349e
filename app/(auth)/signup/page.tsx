import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/accounts/sign-up-form";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { getInvitationPreview } from "@/lib/invitations/get-invitation-preview";
import { ROLE_LABELS } from "@/lib/rbac";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { SIGNUP_CLOSED_MESSAGE } from "@/lib/users/sign-up";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl, { origin: env().NEXTAUTH_URL });
  if (await getCurrentUser()) redirect(callbackUrl);
  const inviteToken = typeof params.invite === "string" ? params.invite : undefined;
  const invitation = inviteToken ? await getInvitationPreview(inviteToken) : null;
  const pendingInvite = invitation?.status === "pending" ? invitation : null;
  const open = env().SIGNUP_ENABLED || !!pendingInvite;
  const signInHref = `/signin${callbackUrl !== "/" ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`;

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h1 className="text-xl font-semibold">Create an account</h1>
        </CardTitle>
        <CardDescription>
          {pendingInvite
            ? `You're invited to join ${pendingInvite.team.name} as ${ROLE_LABELS[pendingInvite.role].toLowerCase()}.`
            : "Your team's WhatTalk calls, in one safe place."}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {open ? (
          <SignUpForm callbackUrl={callbackUrl} inviteToken={pendingInvite ? inviteToken : undefined} invitedEmail={pendingInvite?.email} />
        ) : (
          <Alert variant="warning" role="status">
            <AlertDescription>{SIGNUP_CLOSED_MESSAGE}</AlertDescription>
          </Alert>
        )}
        <p className="text-center text-sm text-muted-foreground">
          Already have an account?{" "}
          <Link className="font-medium text-primary underline-offset-4 hover:underline" href={signInHref}>
            Sign in
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
