import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/auth/session";
import { oauthProviders } from "@/lib/auth/options";
import { env } from "@/lib/env";
import { safeCallbackPath } from "@/lib/safe-redirect";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  OAuthEmail: "Your account at that provider has no verified e-mail address.",
  PasswordAccount: "This e-mail address already has a portal account with a password: sign in with your password.",
  SignupDisabled: "Sign-up is closed: ask a team admin for an invitation.",
  SessionRequired: "Please sign in to continue.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl, { origin: env().NEXTAUTH_URL });
  if (await getCurrentUser()) redirect(callbackUrl);
  const errorKey = typeof params.error === "string" ? params.error : undefined;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h1 className="text-xl font-semibold">Sign in</h1>
        </CardTitle>
        <CardDescription>Your team&apos;s WhatTalk calls, in one safe place.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <SignInForm callbackUrl={callbackUrl} providers={oauthProviders()} initialError={errorKey ? (ERRORS[errorKey] ?? "Sign-in failed. Please try again.") : undefined} />
        {env().SIGNUP_ENABLED ? (
          <p className="text-center text-sm text-muted-foreground">
            New here?{" "}
            <Link className="font-medium text-primary underline-offset-4 hover:underline" href={`/signup${callbackUrl !== "/" ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`}>
              Create an account
            </Link>
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
