import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AcceptInvitationButton, SwitchAccountButton } from "@/components/accounts/accept-invitation";
import { InvitationMessage } from "@/components/accounts/invitation-message";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/auth/session";
import { getInvitationPreview } from "@/lib/invitations/get-invitation-preview";
import { ROLE_LABELS } from "@/lib/rbac";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

const CLOSED: Record<string, { title: string; text: string }> = {
  accepted: { title: "This invitation has already been used", text: "Each invitation link works once. If you joined already, open the team from your account; otherwise ask the team admin for a new link." },
  revoked: { title: "This invitation was revoked", text: "Ask the team admin for a new invitation." },
  expired: { title: "This invitation has expired", text: "Invitation links are valid for 7 days. Ask the team admin for a new one." },
};

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await getCurrentUser();
  const invitation = await getInvitationPreview(token, user?.id);
  const here = `/invite/${encodeURIComponent(token)}`;

  // An unknown token is a real 404 (not-found.tsx says what to do), answered before anything streams.
  if (!invitation) notFound();
  const closed = CLOSED[invitation.status];
  if (closed) return <InvitationMessage title={closed.title} text={closed.text} />;

  const role = ROLE_LABELS[invitation.role].toLowerCase();
  const alreadyMember = invitation.viewerIsMember;

  return (
    <Card className="mx-auto max-w-lg">
      <CardHeader>
        <CardTitle>
          <h1 className="text-xl font-semibold">Join {invitation.team.name}</h1>
        </CardTitle>
        <CardDescription>
          {invitation.invitedBy ? `${invitation.invitedBy} invited ` : "You are invited "}
          <strong className="text-foreground">{invitation.email}</strong> to join as <strong className="text-foreground">{role}</strong>.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {!user ? (
          <div className="flex flex-col gap-2 sm:flex-row">
            <Button asChild>
              <Link href={`/signin?callbackUrl=${encodeURIComponent(here)}`}>Sign in to accept</Link>
            </Button>
            <Button asChild variant="outline">
              <Link href={`/signup?invite=${encodeURIComponent(token)}&callbackUrl=${encodeURIComponent(here)}`}>Create an account</Link>
            </Button>
          </div>
        ) : alreadyMember ? (
          <div className="space-y-3">
            <p className="text-sm">You are already a member of this team.</p>
            <Button asChild>
              <Link href={`/teams/${invitation.team.slug}/calls`}>Open {invitation.team.name}</Link>
            </Button>
          </div>
        ) : user.email !== invitation.email ? (
          <div className="space-y-3">
            <Alert variant="warning">
              <AlertTitle>This invitation is for another e-mail address</AlertTitle>
              <AlertDescription>
                You are signed in as {user.email}, but the invitation is for {invitation.email}. Only the invited address can accept it, so a
                forwarded link cannot be used by someone else. Sign in with {invitation.email} (or create an account for it), or ask the team
                admin to invite {user.email}.
              </AlertDescription>
            </Alert>
            <SwitchAccountButton callbackUrl={here} />
          </div>
        ) : (
          <AcceptInvitationButton token={token} teamName={invitation.team.name} />
        )}
      </CardContent>
    </Card>
  );
}
