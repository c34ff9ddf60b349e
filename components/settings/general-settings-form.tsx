"use client";

import { useRouter } from "next/navigation";
import { toast } from "@/components/ui/sonner";
import { Button } from "@/components/ui/button";
import { TeamFields, type Option } from "@/components/settings/team-fields";
import * as teamApi from "@/components/api/team-api";
import { useApiForm } from "@/components/api/use-api-form";

type Team = { id: string; name: string; slug: string; timeZone: string; country: string };

export function GeneralSettingsForm({ team, timeZones, countries }: { team: Team; timeZones: Option[]; countries: Option[] }) {
  const router = useRouter();
  const { pending, errors, submit } = useApiForm();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    const result = await submit(() => teamApi.updateTeamSettings(team.id, { name: text("name"), slug: text("slug"), timeZone: text("timeZone"), country: text("country") }));
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
