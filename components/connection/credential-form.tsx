"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { toast } from "@/components/ui/sonner";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { FieldError, fieldA11y } from "@/components/accounts/field-error";
import type { ApiError } from "@/components/api/api-fetch";
import * as teamApi from "@/components/api/team-api";
import type { SaveCredentialResult } from "@/lib/connection/save-credential";
import { DEFAULT_LABEL, LABEL_MAX } from "@/lib/credentials/limits";

type Problem = { kind: "rejected" | "unverified" | "other"; message: string };

/**
 * Add or replace the team's API key. The key field is a password field that is never pre-filled
 * and is cleared after saving; the key is sent once, to the portal's own API, and never shown again.
 */
export function CredentialForm({ teamId, hasKey, defaultLabel }: { teamId: string; hasKey: boolean; defaultLabel?: string }) {
  const router = useRouter();
  const uid = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [problem, setProblem] = useState<Problem | null>(null);

  async function submit(allowUnchecked: boolean) {
    const form = formRef.current;
    if (!form) return;
    const data = new FormData(form);
    setPending(true);
    const res = await teamApi.saveCredential(teamId, { label: String(data.get("label") ?? ""), apiKey: String(data.get("apiKey") ?? ""), allowUnchecked });
    setPending(false);
    if (!res.ok) {
      const refused = refusalOf(res.error);
      setErrors(refused.errors);
      setProblem(refused.problem);
      return;
    }
    setErrors({});
    setProblem(null);
    form.reset();
    announceSaved(res.data);
    router.refresh();
  }

  return (
    <form
      ref={formRef}
      onSubmit={(e) => {
        e.preventDefault();
        void submit(false);
      }}
      className="space-y-4"
      noValidate
      autoComplete="off"
    >
      <ProblemAlert problem={problem} pending={pending} onSaveAnyway={() => void submit(true)} />
      <div className="space-y-2">
        <Label htmlFor={`${uid}-label`}>Label</Label>
        <Input id={`${uid}-label`} name="label" defaultValue={defaultLabel ?? DEFAULT_LABEL} maxLength={LABEL_MAX} autoComplete="off" {...fieldA11y(`${uid}-label`, errors.label)} />
        <FieldError id={`${uid}-label-error`} messages={errors.label} />
      </div>
      <div className="space-y-2">
        <Label htmlFor={`${uid}-key`}>{hasKey ? "New API key" : "API key"}</Label>
        <Input
          id={`${uid}-key`}
          name="apiKey"
          type="password"
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          spellCheck={false}
          data-1p-ignore
          data-lpignore="true"
          required
          aria-describedby={errors.apiKey?.length ? `${uid}-key-error` : `${uid}-key-help`}
          aria-invalid={errors.apiKey?.length ? true : undefined}
          onChange={() => problem && setProblem(null)}
        />
        <p id={`${uid}-key-help`} className="text-xs text-muted-foreground">
          From your WhatTalk account&apos;s API settings. It is tested against WhatTalk before it is saved, stored encrypted, and never shown again.
        </p>
        <FieldError id={`${uid}-key-error`} messages={errors.apiKey} />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Checking with WhatTalk…" : hasKey ? "Replace key" : "Save key"}
      </Button>
    </form>
  );
}

/** The form's state after a refusal: field errors, or a problem shown above the fields. */
function refusalOf(error: ApiError): { errors: Record<string, string[]>; problem: Problem | null } {
  const reason = error.details.reason;
  if (reason === "rejected") return { errors: {}, problem: { kind: "rejected", message: error.message } };
  if (reason === "unverified") return { errors: {}, problem: { kind: "unverified", message: error.message } };
  if (error.fieldErrors) return { errors: error.fieldErrors, problem: null };
  return { errors: {}, problem: { kind: "other", message: error.message } };
}

/** Toasts for a saved key: accepted (or a warning), and the directory sync that came with it. */
function announceSaved({ credential, replaced, warning, directory }: SaveCredentialResult) {
  if (warning) toast.warning(warning);
  else toast.success(`${replaced ? "Key replaced" : "Key saved"}: WhatTalk accepted •••• ${credential.last4}.`);
  if (directory?.status === "synced") toast.info(`${directory.total} assistant${directory.total === 1 ? "" : "s"} synced from WhatTalk.`);
  else if (directory) toast.warning(directory.message);
}

function ProblemAlert({ problem, pending, onSaveAnyway }: { problem: Problem | null; pending: boolean; onSaveAnyway: () => void }) {
  return problem?.kind === "rejected" ? (
    <Alert variant="destructive">
      <AlertTitle>WhatTalk rejected this key</AlertTitle>
      <AlertDescription>{problem.message} Nothing was saved.</AlertDescription>
    </Alert>
  ) : problem?.kind === "unverified" ? (
    <Alert variant="warning">
      <AlertTitle>WhatTalk could not be reached</AlertTitle>
      <AlertDescription>
        <p>{problem.message}</p>
        <p>You can save the key anyway: it is stored as unchecked, and used until WhatTalk says otherwise. Test the connection later to verify it.</p>
        <div className="mt-2 flex gap-2">
          <Button type="button" variant="outline" size="sm" disabled={pending} onClick={onSaveAnyway}>
            Save anyway as unchecked
          </Button>
        </div>
      </AlertDescription>
    </Alert>
  ) : problem ? (
    <Alert variant="destructive">
      <AlertDescription>{problem.message}</AlertDescription>
    </Alert>
  ) : null;
}
