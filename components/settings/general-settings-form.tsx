"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { TeamFields, type Option } from "@/components/settings/team-fields";
import { apiFetch } from "@/lib/client/api";

type Team = { id: string; name: string; slug: string; timeZone: string; country: string };

export function GeneralSettingsForm({ team, timeZones, countries }: { team: Team; timeZones: Option[]; countries: Option[] }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[]>>({});

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    const res = await apiFetch<{ team: Team }>(`/api/teams/${team.id}`, {
      method: "PATCH",
      json: { name: form.get("name"), slug: form.get("slug"), timeZone: form.get("timeZone"), country: form.get("country") },
    });
    setPending(false);
    if (!res.ok) {
      setErrors(res.error.fieldErrors ?? {});
      if (!res.error.fieldErrors) toast.error(res.error.message);
      return;
    }
    setErrors({});
    toast.success("Team settings saved.");
    if (res.data.team.slug !== team.slug) router.replace(`/teams/${res.data.team.slug}/settings/general`);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <TeamFields errors={errors} defaults={team} timeZones={timeZones} countries={countries} />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save settings"}
      </Button>
    </form>
  );
}
