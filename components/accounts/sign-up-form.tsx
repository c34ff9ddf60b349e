"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { signInWithPassword } from "@/components/auth/sign-in";
import { FieldError, fieldA11y } from "@/components/accounts/field-error";
import { apiFetch } from "@/components/api/api-fetch";

export function SignUpForm({ callbackUrl, inviteToken, invitedEmail }: { callbackUrl: string; inviteToken?: string; invitedEmail?: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [errors, setErrors] = useState<Record<string, string[]>>({});

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    if (password !== String(form.get("confirm") ?? "")) {
      setErrors({ confirm: ["The two passwords do not match."] });
      return;
    }
    setPending(true);
    setErrors({});
    setFormError(undefined);
    const res = await apiFetch("/api/signup", { method: "POST", json: { name: form.get("name"), email, password, inviteToken: inviteToken ?? null } });
    if (!res.ok) {
      setPending(false);
      setErrors(res.error.fieldErrors ?? {});
      if (!res.error.fieldErrors) setFormError(res.error.message);
      return;
    }
    const signedIn = await signInWithPassword(email, password);
    if (!signedIn.ok) {
      router.replace(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {formError ? (
        <Alert variant="destructive" role="alert">
          <AlertDescription>{formError}</AlertDescription>
        </Alert>
      ) : null}
      <div className="space-y-2">
        <Label htmlFor="name">Your name</Label>
        <Input id="name" name="name" autoComplete="name" required autoFocus {...fieldA11y("name", errors.name)} />
        <FieldError id="name-error" messages={errors.name} />
      </div>
      <div className="space-y-2">
        <Label htmlFor="email">E-mail</Label>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={invitedEmail}
          readOnly={!!invitedEmail}
          {...fieldA11y("email", errors.email)}
        />
        {invitedEmail ? <p className="text-xs text-muted-foreground">The invitation is for this address.</p> : null}
        <FieldError id="email-error" messages={errors.email} />
      </div>
      <div className="space-y-2">
        <Label htmlFor="password">Password</Label>
        <Input id="password" name="password" type="password" autoComplete="new-password" required minLength={8} {...fieldA11y("password", errors.password)} />
        <p className="text-xs text-muted-foreground">At least 8 characters.</p>
        <FieldError id="password-error" messages={errors.password} />
      </div>
      <div className="space-y-2">
        <Label htmlFor="confirm">Repeat password</Label>
        <Input id="confirm" name="confirm" type="password" autoComplete="new-password" required {...fieldA11y("confirm", errors.confirm)} />
        <FieldError id="confirm-error" messages={errors.confirm} />
      </div>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </Button>
    </form>
  );
}
