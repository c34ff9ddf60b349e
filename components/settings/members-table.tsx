"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "@/components/ui/sonner";
import { ConfirmButton } from "@/components/accounts/confirm-button";
import { Badge } from "@/components/ui/badge";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import * as teamApi from "@/components/api/team-api";
import { ROLE_LABELS, type Role } from "@/lib/rbac";

export type MemberRow = {
  membershipId: string;
  name: string;
  email: string;
  role: Role;
  joined: string;
  isSelf: boolean;
  /** Roles the viewer may set for this member; empty when the viewer cannot change it. */
  roleOptions: Role[];
  canRemove: boolean;
};

export function MembersTable({ teamId, members }: { teamId: string; members: MemberRow[] }) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  // The role picked, shown until the refreshed list reflects a change (instead of snapping back).
  const [picked, setPicked] = useState<Record<string, { from: Role; to: Role }>>({});
  const shown = (m: MemberRow) => (picked[m.membershipId]?.from === m.role ? picked[m.membershipId].to : m.role);

  async function changeRole(m: MemberRow, role: Role) {
    setBusy(m.membershipId);
    setPicked((p) => ({ ...p, [m.membershipId]: { from: m.role, to: role } }));
    const res = await teamApi.changeMemberRole(teamId, m.membershipId, role);
    setBusy(null);
    if (!res.ok) {
      setPicked(({ [m.membershipId]: _dropped, ...rest }) => rest);
      toast.error(res.error.message);
      router.refresh();
      return;
    }
    toast.success(`${m.name} is now ${ROLE_LABELS[role].toLowerCase()}. They are signed out and sign in again with the new role.`);
    router.refresh();
  }

  async function remove(m: MemberRow) {
    const res = await teamApi.removeMember(teamId, m.membershipId);
    if (!res.ok) {
      toast.error(res.error.message);
      return;
    }
    toast.success(`${m.name} was removed from the team.`);
    router.refresh();
  }

  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Member</TableHead>
          <TableHead>Role</TableHead>
          <TableHead className="hidden sm:table-cell">Joined</TableHead>
          <TableHead className="text-right">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {members.map((m) => (
          <TableRow key={m.membershipId}>
            <TableCell className="max-w-[16rem]">
              <div className="truncate font-medium">
                {m.name}
                {m.isSelf ? <span className="ml-1 text-xs text-muted-foreground">(you)</span> : null}
              </div>
              <div className="truncate text-xs text-muted-foreground">{m.email}</div>
            </TableCell>
            <TableCell>
              <RoleCell member={m} shown={shown(m)} busy={busy === m.membershipId} onChange={(role) => void changeRole(m, role)} />
            </TableCell>
            <TableCell className="hidden text-muted-foreground sm:table-cell">{m.joined}</TableCell>
            <TableCell className="text-right">
              {m.canRemove ? (
                <ConfirmButton
                  size="sm"
                  variant="ghost"
                  aria-label={`Remove ${m.name}`}
                  title={`Remove ${m.name}?`}
                  description={`${m.email} loses access to this team at once and is signed out. Their personal saved views in this team are deleted.`}
                  confirmLabel="Remove"
                  onConfirm={() => remove(m)}
                >
                  Remove
                </ConfirmButton>
              ) : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The member's role: a picker when the viewer may change it, else a badge. */
function RoleCell({ member: m, shown, busy, onChange }: { member: MemberRow; shown: Role; busy: boolean; onChange: (role: Role) => void }) {
  return m.roleOptions.length > 1 ? (
    <NativeSelect
      size="sm"
      aria-label={`Role of ${m.name}`}
      value={shown}
      disabled={busy}
      onChange={(e) => onChange(e.target.value as Role)}
    >
      {m.roleOptions.map((r) => (
        <NativeSelectOption key={r} value={r}>
          {ROLE_LABELS[r]}
        </NativeSelectOption>
      ))}
    </NativeSelect>
  ) : (
    <Badge variant={m.role === "OWNER" ? "default" : "secondary"}>{ROLE_LABELS[m.role]}</Badge>
  );
}
