"use client";

import { useRouter } from "next/navigation";
import { toast } from "@/components/ui/sonner";
import { ConfirmButton } from "@/components/accounts/confirm-button";
import { apiFetch } from "@/components/api/api-fetch";

export function SignOutEverywhereButton() {
  const router = useRouter();
  return (
    <ConfirmButton
      variant="outline"
      title="Sign out everywhere?"
      description="Every browser and device signed in to your account, this one included, is signed out on its next request."
      confirmLabel="Sign out everywhere"
      onConfirm={async () => {
        const res = await apiFetch("/api/account/sign-out-everywhere", { method: "POST", json: {} });
        if (!res.ok) {
          toast.error(res.error.message);
          return;
        }
        router.replace("/signin");
        router.refresh();
      }}
    >
      Sign out everywhere
    </ConfirmButton>
  );
}
