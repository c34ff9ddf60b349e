"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { FormError } from "@/components/accounts/form-error";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { signInWithPassword } from "@/components/auth/sign-in";
import { safeCallbackPath } from "@/lib/safe-redirect";

export function SignInForm({
  callbackUrl,
  providers,
  initialError,
}: {
  callbackUrl: string;
  providers: { id: string; name: string }[];
  initialError?: string;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const result = await signInWithPassword(String(form.get("email") ?? ""), String(form.get("password") ?? ""));
    if (result.ok) {
      // Checked again here, by this browser's own URL parser: the server already did (defence in depth).
      router.replace(safeCallbackPath(callbackUrl, { origin: window.location.origin }));
      router.refresh();
      return;
    }
    setPending(false);
    setError(result.message);
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <FormError message={error} />
        <div className="space-y-2">
          <Label htmlFor="email">E-mail</Label>
          <Input id="email" name="email" type="email" autoComplete="email" required autoFocus />
        </div>
        <div className="space-y-2">
          <Label htmlFor="password">Password</Label>
          <Input id="password" name="password" type="password" autoComplete="current-password" required />
        </div>
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {providers.length ? (
        <div className="space-y-2">
          <p className="text-center text-xs text-muted-foreground">or continue with</p>
          {providers.map((p) => (
            <form key={p.id} method="post" action={`/api/auth/signin/${p.id}`} className="contents">
              <OAuthFields callbackUrl={callbackUrl} />
              <Button type="submit" variant="outline" className="w-full">
                {p.name}
              </Button>
            </form>
          ))}
        </div>
      ) : null}
    </div>
  );
}

function OAuthFields({ callbackUrl }: { callbackUrl: string }) {
  const [csrf, setCsrf] = useState<string>("");
  useEffect(() => {
    fetch("/api/auth/csrf")
      .then((r) => r.json())
      .then((d: { csrfToken: string }) => setCsrf(d.csrfToken))
      .catch(() => {});
  }, []);
  return (
    <>
      <input type="hidden" name="csrfToken" value={csrf} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
    </>
  );
}
