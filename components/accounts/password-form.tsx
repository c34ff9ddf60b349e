"use client";

import { useRouter } from "next/navigation";
import { toast } from "@/components/ui/sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { FieldError, fieldA11y } from "@/components/accounts/field-error";
import { apiFetch } from "@/components/api/api-fetch";
import { useApiForm } from "@/components/api/use-api-form";

export function PasswordForm() {
  const router = useRouter();
  const { pending, errors, setErrors, submit } = useApiForm();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const newPassword = String(form.get("newPassword") ?? "");
    if (newPassword !== String(form.get("confirmPassword") ?? "")) {
      setErrors({ confirmPassword: ["The two new passwords do not match."] });
      return;
    }
    const result = await submit(() => apiFetch<unknown>("/api/account/password", { method: "POST", json: { currentPassword: form.get("currentPassword"), newPassword } }));
    if (!result) return;
    formEl.reset();
    toast.success("Password changed. Your other sessions were signed out.");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div className="space-y-2">
        <Label htmlFor="currentPassword">Current password</Label>
        <Input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required {...fieldA11y("currentPassword", errors.currentPassword)} />
        <FieldError id="currentPassword-error" messages={errors.currentPassword} />
      </div>
      <div className="space-y-2">
        <Label htmlFor="newPassword">New password</Label>
        <Input id="newPassword" name="newPassword" type="password" autoComplete="new-password" required minLength={8} {...fieldA11y("newPassword", errors.newPassword)} />
        <p className="text-xs text-muted-foreground">At least 8 characters.</p>
        <FieldError id="newPassword-error" messages={errors.newPassword} />
      </div>
      <div className="space-y-2">
        <Label htmlFor="confirmPassword">Repeat new password</Label>
        <Input id="confirmPassword" name="confirmPassword" type="password" autoComplete="new-password" required {...fieldA11y("confirmPassword", errors.confirmPassword)} />
        <FieldError id="confirmPassword-error" messages={errors.confirmPassword} />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
