"use client";

import { useRouter } from "next/navigation";
import { toast } from "@/components/ui/sonner";
import { Button } from "@/components/ui/button";
import { TeamFields, type Option } from "@/components/settings/team-fields";
import { useApiForm } from "@/components/api/use-api-form";

type Team = { id: string; name: string; slug: string; timeZone: string; country: string };

export function GeneralSettingsForm({ team, timeZones, countries }: { team: Team; timeZones: Option[]; countries: Option[] }) {
  const router = useRouter();
  const { pending, errors, submit } = useApiForm();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = await submit<{ team: Team }>(`/api/teams/${team.id}`, {
      method: "PATCH",
      json: { name: form.get("name"), slug: form.get("slug"), timeZone: form.get("timeZone"), country: form.get("country") },
    });
    if (!result) return;
    toast.success("Team settings saved.");
    if (result.data.team.slug !== team.slug) router.replace(`/teams/${result.data.team.slug}/settings/general`);
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
