import { json } from "@/lib/http/route";
import { removeDirectoryEntry } from "@/lib/directory/edit-directory";
import { memberActor } from "@/lib/auth/team-actor";
import { teamRoute } from "@/lib/http/team-route";

/** Removes a campaign from the directory by its WhatTalk id (assignments:manage). */
export const DELETE = teamRoute<{ teamId: string; externalId: string }>("assignments:manage", async (access, _req, { externalId }) => {
  return json(await removeDirectoryEntry({ actor: memberActor(access), kind: "campaign", id: externalId }));
});
