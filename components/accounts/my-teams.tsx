"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { toast } from "@/components/ui/sonner";
import { ConfirmButton } from "@/components/accounts/confirm-button";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import * as teamApi from "@/components/api/team-api";

export type MyTeam = { id: string; name: string; slug: string; roleLabel: string };

export function MyTeams({ teams }: { teams: MyTeam[] }) {
  const router = useRouter();
  if (teams.length === 0) {
    return (
      <div className="space-y-3 text-sm text-muted-foreground">
        <p>You are not a member of any team yet. Ask a team admin for an invitation, or create a team.</p>
        <Button asChild size="sm">
          <Link href="/teams/new">Create a team</Link>
        </Button>
      </div>
    );
  }
  return (
    <ul className="divide-y rounded-md border">
      {teams.map((t) => (
        <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
          <div className="flex min-w-0 items-center gap-2">
            <Link href={`/teams/${t.slug}/calls`} className="truncate font-medium underline-offset-4 hover:underline">
              {t.name}
            </Link>
            <Badge variant="secondary">{t.roleLabel}</Badge>
          </div>
          <ConfirmButton
            size="sm"
            variant="ghost"
            aria-label={`Leave ${t.name}`}
            title={`Leave ${t.name}?`}
            description="You lose access to this team's calls at once. Your other signed-in devices are signed out. To come back you need a new invitation."
            confirmLabel="Leave team"
            onConfirm={async () => {
              const res = await teamApi.leaveTeam(t.id);
              if (!res.ok) {
                toast.error(res.error.message);
                return;
              }
              toast.success(`You left ${t.name}.`);
              router.refresh();
            }}
          >
            Leave
          </ConfirmButton>
        </li>
      ))}
    </ul>
  );
}
