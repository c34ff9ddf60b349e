"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { FieldError, fieldA11y } from "@/components/accounts/field-error";
import * as teamApi from "@/components/api/team-api";

/** Deleting a team asks for its address to be typed, like GitHub does for repositories. */
export function DeleteTeam({ team }: { team: { id: string; name: string; slug: string } }) {
  const router = useRouter();
  const [confirm, setConfirm] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string[]>();

  async function onDelete(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    const res = await teamApi.deleteTeam(team.id, confirm);
    if (!res.ok) {
      setPending(false);
      setError(res.error.fieldErrors?.confirmSlug ?? [res.error.message]);
      return;
    }
    router.replace("/");
    router.refresh();
  }

  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="destructive">Delete team</Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={onDelete} className="space-y-4">
          <DialogHeader>
            <DialogTitle>Delete {team.name}?</DialogTitle>
            <DialogDescription>
              This removes the team, its members, invitations, assignments, saved views, WhatTalk connection and audit log. It cannot be undone.
            </DialogDescription>
          </DialogHeader>
          <div className="space-y-2">
            <Label htmlFor="confirm-slug">
              Type <span className="font-mono">{team.slug}</span> to confirm
            </Label>
            <Input id="confirm-slug" value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="off" {...fieldA11y("confirm-slug", error)} />
            <FieldError id="confirm-slug-error" messages={error} />
          </div>
          <DialogFooter>
            <Button type="submit" variant="destructive" disabled={pending || confirm.trim() !== team.slug}>
              {pending ? "Deleting…" : "Delete this team"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
