"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "@/components/ui/sonner";
import { FormError } from "@/components/accounts/form-error";
import { Button } from "@/components/ui/button";
import { TeamFields, type Option } from "@/components/settings/team-fields";
import * as teamApi from "@/components/api/team-api";

export function CreateTeamForm({ timeZones, countries }: { timeZones: Option[]; countries: Option[] }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string>();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setFormError(undefined);
    const text = (name: string) => String(form.get(name) ?? "");
    const res = await teamApi.createTeam({ name: text("name"), slug: text("slug") || null, timeZone: text("timeZone"), country: text("country") });
    if (!res.ok) {
      setPending(false);
      setErrors(res.error.fieldErrors ?? {});
      if (!res.error.fieldErrors) setFormError(res.error.message);
      return;
    }
    toast.success(`${res.data.team.name} created. Invite your team.`);
    router.push(`/teams/${res.data.team.slug}/settings/members`);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={formError} />
      <TeamFields errors={errors} defaults={{ timeZone: "Europe/Istanbul", country: "TR" }} timeZones={timeZones} countries={countries} slugOptional />
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create team"}
      </Button>
    </form>
  );
}
