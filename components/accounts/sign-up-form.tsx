"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError } from "@/components/accounts/form-error";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { signInWithPassword } from "@/components/auth/sign-in";
import { FieldError, fieldA11y } from "@/components/accounts/field-error";
import { apiFetch } from "@/components/api/api-fetch";
import { safeCallbackPath } from "@/lib/safe-redirect";

const NOT_THIS_PASSWORD = "This password does not open an account with this e-mail address. If you already have an account with it, sign in with that account's password.";

const signInHref = (callbackUrl: string) => `/signin${callbackUrl !== "/" ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`;

export function SignUpForm({ callbackUrl, inviteToken, invitedEmail }: { callbackUrl: string; inviteToken?: string; invitedEmail?: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [notSignedIn, setNotSignedIn] = useState<string>();

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
    setNotSignedIn(undefined);
    const res = await apiFetch("/api/signup", { method: "POST", json: { name: form.get("name"), email, password, inviteToken: inviteToken ?? null } });
    if (!res.ok) {
      setPending(false);
      setErrors(res.error.fieldErrors ?? {});
      if (!res.error.fieldErrors) setFormError(res.error.message);
      return;
    }
    // The answer is the same whether the address was free or already had an account (it never
    // tells). A new account signs in with this password at once; an existing one does not.
    const signedIn = await signInWithPassword(email, password);
    if (!signedIn.ok) {
      setPending(false);
      setNotSignedIn(signedIn.reason === "credentials" ? NOT_THIS_PASSWORD : signedIn.message);
      return;
    }
    // Checked again by this browser's own URL parser (the server already did: defence in depth).
    router.replace(safeCallbackPath(callbackUrl, { origin: window.location.origin }));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={formError} />
      {notSignedIn ? <NotSignedIn message={notSignedIn} callbackUrl={callbackUrl} /> : null}
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

/** An account was created (or already existed) but this password did not sign in: say so, and link to sign-in. */
function NotSignedIn({ message, callbackUrl }: { message: string; callbackUrl: string }) {
  return (
    <Alert variant="warning" role="alert">
      <AlertTitle>You are not signed in yet</AlertTitle>
      <AlertDescription>
        <p>{message}</p>
        <Link className="font-medium text-primary underline-offset-4 hover:underline" href={signInHref(callbackUrl)}>
          Go to sign-in
        </Link>
      </AlertDescription>
    </Alert>
  );
}
