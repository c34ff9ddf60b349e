import { requireTeam } from "@/lib/auth/team-access";
import { json, route } from "@/lib/http/route";
import { listDirectory } from "@/lib/directory/list-directory";
import { syncAssistants } from "@/lib/directory/sync-assistants";
import { memberActor } from "@/lib/teams/team-actor";

/** "Sync from WhatTalk": { sync: { status: "synced" | "unsupported", ... }, directory } (assignments:manage). */
export const POST = route<{ teamId: string }>(async (_req, { teamId }) => {
  const access = await requireTeam({ teamId }, "assignments:manage");
  const sync = await syncAssistants({ actor: memberActor(access) });
  return json({ sync, directory: await listDirectory(access.team.id) });
});
