import { json } from "@/lib/http/route";
import { listDirectory } from "@/lib/directory/list-directory";
import { syncAssistants } from "@/lib/directory/sync-assistants";
import { memberActor } from "@/lib/auth/team-actor";
import { teamRoute } from "@/lib/http/team-route";

/** "Sync from WhatTalk": { sync: { status: "synced" | "unsupported", ... }, directory } (assignments:manage). */
export const POST = teamRoute("assignments:manage", async (access) => {
  const sync = await syncAssistants({ actor: memberActor(access) });
  return json({ sync, directory: await listDirectory(access) });
});
