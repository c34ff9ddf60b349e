"use client";

import { useRouter } from "next/navigation";
import { toast } from "@/components/ui/sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { FieldError, fieldA11y } from "@/components/accounts/field-error";
import { apiFetch } from "@/components/api/api-fetch";
import { useApiForm } from "@/components/api/use-api-form";

export function ProfileForm({ name, email }: { name: string; email: string }) {
  const router = useRouter();
  const { pending, errors, submit } = useApiForm();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = await submit(() => apiFetch<unknown>("/api/account", { method: "PATCH", json: { name: form.get("name") } }));
    if (!result) return;
    toast.success("Name saved.");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div className="space-y-2">
        <Label htmlFor="account-email">E-mail</Label>
        <Input id="account-email" value={email} readOnly disabled />
      </div>
      <div className="space-y-2">
        <Label htmlFor="name">Name</Label>
        <Input id="name" name="name" defaultValue={name} autoComplete="name" required {...fieldA11y("name", errors.name)} />
        <FieldError id="name-error" messages={errors.name} />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save name"}
      </Button>
    </form>
  );
}
