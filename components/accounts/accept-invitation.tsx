"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "@/components/ui/sonner";
import { FormError } from "@/components/accounts/form-error";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/components/api/api-fetch";

export function AcceptInvitationButton({ token, teamName }: { token: string; teamName: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  async function accept() {
    setPending(true);
    setError(undefined);
    const res = await apiFetch<{ team: { slug: string; name: string } }>("/api/invitations/accept", { method: "POST", json: { token } });
    if (!res.ok) {
      setPending(false);
      setError(res.error.message);
      return;
    }
    toast.success(`Welcome to ${res.data.team.name}.`);
    router.push(`/teams/${res.data.team.slug}/calls`);
    router.refresh();
  }

  return (
    <div className="space-y-3">
      <FormError message={error} />
      <Button onClick={accept} disabled={pending} className="w-full sm:w-auto">
        {pending ? "Joining…" : `Join ${teamName}`}
      </Button>
    </div>
  );
}

/** Signs out and comes back to this invitation's sign-in, for someone signed in with another address. */
export function SwitchAccountButton({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  async function switchAccount() {
    setPending(true);
    try {
      const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
      await fetch("/api/auth/signout", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrfToken, json: "true" }),
      });
    } finally {
      router.replace(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      router.refresh();
    }
  }
  return (
    <Button variant="outline" onClick={switchAccount} disabled={pending}>
      Sign in with another account
    </Button>
  );
}
