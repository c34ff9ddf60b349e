"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { FieldError, fieldA11y } from "@/components/accounts/field-error";
import * as teamApi from "@/components/api/team-api";
import { useApiForm } from "@/components/api/use-api-form";
import { ROLE_LABELS, type Role } from "@/lib/rbac";

export function InviteForm({ teamId, roles }: { teamId: string; roles: Role[] }) {
  const router = useRouter();
  const { pending, errors, submit } = useApiForm();
  const [created, setCreated] = useState<{ email: string; role: Role; url: string } | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const result = await submit(() => teamApi.createInvitation(teamId, { email: String(form.get("email") ?? ""), role: String(form.get("role") ?? "") }));
    if (!result) return;
    formEl.reset();
    setCreated({ email: result.data.invitation.email, role: result.data.invitation.role, url: result.data.url });
    router.refresh();
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="flex flex-col gap-3 sm:flex-row sm:items-start" noValidate>
        <div className="flex-1 space-y-2">
          <Label htmlFor="invite-email">E-mail</Label>
          <Input id="invite-email" name="email" type="email" autoComplete="off" placeholder="name@company.com" required {...fieldA11y("invite-email", errors.email)} />
          <FieldError id="invite-email-error" messages={errors.email} />
        </div>
        <div className="space-y-2">
          <Label htmlFor="invite-role">Role</Label>
          <NativeSelect id="invite-role" name="role" defaultValue={roles.includes("AGENT") ? "AGENT" : roles[0]} containerClassName="w-full sm:w-40" {...fieldA11y("invite-role", errors.role)}>
            {roles.map((r) => (
              <NativeSelectOption key={r} value={r}>
                {ROLE_LABELS[r]}
              </NativeSelectOption>
            ))}
          </NativeSelect>
          <FieldError id="invite-role-error" messages={errors.role} />
        </div>
        <Button type="submit" disabled={pending} className="sm:mt-[1.375rem]">
          {pending ? "Inviting…" : "Invite"}
        </Button>
      </form>
      {created ? (
        <Alert variant="success">
          <AlertTitle>
            Invitation for {created.email} ({ROLE_LABELS[created.role].toLowerCase()}) created
          </AlertTitle>
          <AlertDescription className="space-y-2">
            <p>Send this link to them. It is shown only now, works once, for {created.email} only, and expires in 7 days.</p>
            <div className="flex items-center gap-2">
              <Input readOnly value={created.url} aria-label="Invitation link" className="font-mono text-xs text-foreground" onFocus={(e) => e.currentTarget.select()} />
              <CopyButton value={created.url} label="Copy invitation link" variant="outline" size="sm">
                Copy link
              </CopyButton>
            </div>
          </AlertDescription>
        </Alert>
      ) : null}
    </div>
  );
}
