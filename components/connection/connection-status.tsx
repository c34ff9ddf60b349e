"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "@/components/ui/sonner";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/accounts/confirm-button";
import * as teamApi from "@/components/api/team-api";
import type { CredentialDTO } from "@/lib/credentials/types";
import type { TestCredentialResult } from "@/lib/credentials/test-credential";

/** Dates already formatted by the page in the team's time zone. */
export type CredentialDates = { createdAt: string; lastCheckedAt: string | null; lastUsedAt: string | null };

function StatusBadge({ credential }: { credential: CredentialDTO }) {
  if (credential.problem?.reason === "undecryptable") return <Badge variant="destructive">Cannot be decrypted</Badge>;
  if (credential.status === "ok") return <Badge variant="success">OK</Badge>;
  if (credential.status === "invalid") return <Badge variant="destructive">Invalid</Badge>;
  return <Badge variant="warning">Unchecked</Badge>;
}

/** The stored key's status card: label, last 4, status, dates, "Test connection" and "Remove". */
export function ConnectionStatus({ teamId, credential, dates }: { teamId: string; credential: CredentialDTO; dates: CredentialDates }) {
  const router = useRouter();
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<TestCredentialResult | null>(null);

  async function onTest() {
    setTesting(true);
    setTest(null);
    const res = await teamApi.testCredential(teamId);
    setTesting(false);
    if (!res.ok) {
      toast.error(res.error.message);
      return;
    }
    setTest(res.data);
    router.refresh();
  }

  async function onRemove() {
    const res = await teamApi.removeCredential(teamId);
    if (!res.ok) {
      toast.error(res.error.message);
      return;
    }
    toast.success("The API key was removed.");
    setTest(null);
    router.refresh();
  }

  return (
    <div className="space-y-4">
      {credential.problem ? (
        <Alert variant="destructive">
          <AlertTitle>{credential.problem.reason === "undecryptable" ? "This key can no longer be read" : "WhatTalk rejected this key"}</AlertTitle>
          <AlertDescription>
            {credential.problem.reason === "undecryptable"
              ? "The server's encryption keys changed, so the stored key cannot be decrypted. Enter the key again below."
              : "Calls cannot be loaded until the key works. Test the connection again, or replace the key below."}
          </AlertDescription>
        </Alert>
      ) : null}
      <CredentialFacts credential={credential} dates={dates} />
      {test ? (
        <Alert variant={test.result === "ok" ? "success" : test.result === "unreachable" ? "warning" : "destructive"}>
          <AlertDescription>{test.message}</AlertDescription>
        </Alert>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="outline" onClick={() => void onTest()} disabled={testing}>
          {testing ? "Testing…" : "Test connection"}
        </Button>
        <ConfirmButton
          variant="ghost"
          className="text-destructive"
          title="Remove the WhatTalk API key?"
          description="Calls, recordings and the assistants sync stop working for everyone in the team until a new key is added. The audit log keeps a record of the removal, not the key."
          confirmLabel="Remove key"
          onConfirm={onRemove}
        >
          Remove key
        </ConfirmButton>
      </div>
    </div>
  );
}

function CredentialFacts({ credential, dates }: { credential: CredentialDTO; dates: CredentialDates }) {
  return (
    <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]">
      <dt className="text-muted-foreground">Label</dt>
      <dd className="font-medium">{credential.label}</dd>
      <dt className="text-muted-foreground">Key</dt>
      <dd>
        <span className="font-mono" aria-label={`API key ending in ${credential.last4}`}>
          {`•••• ${credential.last4}`}
        </span>
      </dd>
      <dt className="text-muted-foreground">Status</dt>
      <dd className="flex flex-wrap items-center gap-2">
        <StatusBadge credential={credential} />
        {credential.statusNote ? <span className="text-muted-foreground">{credential.statusNote}</span> : null}
      </dd>
      <dt className="text-muted-foreground">Last checked</dt>
      <dd>{dates.lastCheckedAt ?? "Never"}</dd>
      <dt className="text-muted-foreground">Last used</dt>
      <dd>{dates.lastUsedAt ?? "Never"}</dd>
      <dt className="text-muted-foreground">Added</dt>
      <dd>
        {dates.createdAt}
        {credential.createdBy ? ` by ${credential.createdBy.name} (${credential.createdBy.email})` : " by an operator (command line or seed) or a former member"}
      </dd>
    </dl>
  );
}
