"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "@/components/ui/sonner";
import { ConfirmButton } from "@/components/accounts/confirm-button";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import * as teamApi from "@/components/api/team-api";

export function TransferOwnership({ teamId, candidates }: { teamId: string; candidates: { membershipId: string; name: string; email: string }[] }) {
  const router = useRouter();
  const [target, setTarget] = useState(candidates[0]?.membershipId ?? "");
  const chosen = candidates.find((c) => c.membershipId === target);
  if (candidates.length === 0) return <p className="text-sm text-muted-foreground">Invite someone first: ownership can only go to another member.</p>;
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
      <div className="space-y-2">
        <Label htmlFor="transfer-to">New owner</Label>
        <NativeSelect id="transfer-to" value={target} onChange={(e) => setTarget(e.target.value)} containerClassName="w-full sm:w-72">
          {candidates.map((c) => (
            <NativeSelectOption key={c.membershipId} value={c.membershipId}>
              {c.name} ({c.email})
            </NativeSelectOption>
          ))}
        </NativeSelect>
      </div>
      <ConfirmButton
        variant="outline"
        disabled={!chosen}
        title="Transfer ownership?"
        description={`${chosen?.name ?? "They"} becomes an owner and you become an admin. Only an owner can make you an owner again.`}
        confirmLabel="Transfer ownership"
        onConfirm={async () => {
          const res = await teamApi.transferOwnership(teamId, target);
          if (!res.ok) {
            toast.error(res.error.message);
            return;
          }
          toast.success(`${chosen?.name} is now the owner. You are an admin.`);
          router.refresh();
        }}
      >
        Transfer ownership
      </ConfirmButton>
    </div>
  );
}
