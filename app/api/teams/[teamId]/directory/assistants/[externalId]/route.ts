import { requireTeam } from "@/lib/auth/team-access";
import { json, route } from "@/lib/http/route";
import { removeDirectoryEntry } from "@/lib/directory/edit-directory";
import { memberActor } from "@/lib/teams/team-actor";

/** Removes a assistant from the directory by its WhatTalk id (assignments:manage). */
export const DELETE = route<{ teamId: string; externalId: string }>(async (_req, { teamId, externalId }) => {
  const access = await requireTeam({ teamId }, "assignments:manage");
  return json(await removeDirectoryEntry({ actor: memberActor(access), kind: "assistant", id: externalId }));
});
