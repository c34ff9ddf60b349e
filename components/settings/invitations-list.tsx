"use client";

import { useRouter } from "next/navigation";
import { toast } from "@/components/ui/sonner";
import { ConfirmButton } from "@/components/accounts/confirm-button";
import { Badge } from "@/components/ui/badge";
import * as teamApi from "@/components/api/team-api";
import { ROLE_LABELS, type Role } from "@/lib/rbac";

export type InvitationRow = { id: string; email: string; role: Role; status: "pending" | "expired" | "accepted" | "revoked"; expires: string; invitedBy: string | null; canRevoke: boolean };

export function InvitationsList({ teamId, invitations }: { teamId: string; invitations: InvitationRow[] }) {
  const router = useRouter();
  if (invitations.length === 0) return <p className="text-sm text-muted-foreground">No open invitations.</p>;
  return (
    <ul className="divide-y rounded-md border" aria-label="Open invitations">
      {invitations.map((inv) => (
        <li key={inv.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              <span className="truncate font-medium">{inv.email}</span>
              <Badge variant="secondary">{ROLE_LABELS[inv.role]}</Badge>
              {inv.status === "expired" ? <Badge variant="warning">Expired</Badge> : null}
            </div>
            <div className="text-xs text-muted-foreground">
              {inv.status === "expired" ? "Expired" : "Expires"} {inv.expires}
              {inv.invitedBy ? ` · invited by ${inv.invitedBy}` : ""}
            </div>
          </div>
          {inv.status === "pending" && inv.canRevoke ? (
            <ConfirmButton
              size="sm"
              variant="ghost"
              aria-label={`Revoke the invitation for ${inv.email}`}
              title="Revoke this invitation?"
              description={`The link sent to ${inv.email} stops working. You can invite them again later.`}
              confirmLabel="Revoke"
              onConfirm={async () => {
                const res = await teamApi.revokeInvitation(teamId, inv.id);
                if (!res.ok) {
                  toast.error(res.error.message);
                  return;
                }
                toast.success(`Invitation for ${inv.email} revoked.`);
                router.refresh();
              }}
            >
              Revoke
            </ConfirmButton>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
