"use client";

// The index's retention: days of calls kept, or off (which deletes the index after a confirmation).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmButton } from "@/components/accounts/confirm-button";
import { FieldError, fieldA11y } from "@/components/accounts/field-error";
import * as teamApi from "@/components/api/team-api";
import { useApiForm } from "@/components/api/use-api-form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/sonner";
import { RETENTION_DAYS_MESSAGE, RETENTION_MAX_DAYS, RETENTION_MIN_DAYS } from "@/lib/call-index/types";

const n = (v: number) => v.toLocaleString("en-US");

export function RetentionForm({ teamId, retentionDays, callsIndexed }: { teamId: string; retentionDays: number | null; callsIndexed: number }) {
  const router = useRouter();
  const { pending, errors, setErrors, submit } = useApiForm();
  const [days, setDays] = useState(String(retentionDays ?? 90));

  async function onSave(event: React.FormEvent) {
    event.preventDefault();
    // Not a number at all is caught here (JSON would carry NaN as null: off); the range, on the server.
    const value = Number(days);
    if (days.trim() === "" || !Number.isFinite(value)) return setErrors({ retentionDays: [RETENTION_DAYS_MESSAGE] });
    const result = await submit(() => teamApi.setIndexRetention(teamId, value));
    if (!result) return;
    const { purged, changed } = result.data;
    toast.success(!changed ? "Nothing changed." : purged ? `Retention saved; ${n(purged)} older indexed calls deleted.` : "Retention saved.");
    router.refresh();
  }

  async function onTurnOff() {
    const res = await teamApi.setIndexRetention(teamId, null);
    if (!res.ok) return void toast.error(res.error.message);
    toast.success(`The search index is off; ${n(res.data.purged)} indexed calls deleted.`);
    router.refresh();
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSave} className="flex flex-wrap items-end gap-3" noValidate aria-label="Retention">
        <div className="space-y-2">
          <Label htmlFor="retention-days">Keep calls of the last (days)</Label>
          <Input
            id="retention-days"
            inputMode="numeric"
            className="w-32"
            value={days}
            onChange={(e) => setDays(e.target.value)}
            min={RETENTION_MIN_DAYS}
            max={RETENTION_MAX_DAYS}
            {...fieldA11y("retention-days", errors.retentionDays)}
          />
        </div>
        <Button type="submit" disabled={pending}>
          {retentionDays === null ? "Turn on" : "Save retention"}
        </Button>
        {retentionDays !== null ? (
          <ConfirmButton
            variant="destructive"
            title="Turn the search index off?"
            description={`The index's ${n(callsIndexed)} calls — their transcripts, phone numbers and the rest of each call — are deleted from the portal's database now, and nothing is copied from WhatTalk until the index is turned on again. Search and the index-only filters stop working. The calls stay in WhatTalk.`}
            confirmLabel="Turn off and delete"
            onConfirm={onTurnOff}
          >
            Turn off
          </ConfirmButton>
        ) : null}
      </form>
      <FieldError id="retention-days-error" messages={errors.retentionDays} />
    </div>
  );
}
