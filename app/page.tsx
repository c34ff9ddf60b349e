import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { listUserTeams } from "@/lib/teams/list-user-teams";

// Home: straight to the first team's calls, to team creation, or to sign-in.
export default async function Home() {
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  const teams = await listUserTeams(user.id);
  if (teams.length === 0) redirect("/teams/new");
  redirect(`/teams/${teams[0].slug}/calls`);
}
