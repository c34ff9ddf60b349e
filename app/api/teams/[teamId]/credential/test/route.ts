import { requireTeam } from "@/lib/auth/team-access";
import { json, route } from "@/lib/http/route";
import { testCredential } from "@/lib/credentials/test-credential";
import { memberActor } from "@/lib/teams/team-actor";

/** "Test connection": tries the stored key against WhatTalk; 200 with { result, message, credential } (credentials:manage). */
export const POST = route<{ teamId: string }>(async (_req, { teamId }) => {
  const access = await requireTeam({ teamId }, "credentials:manage");
  return json(await testCredential({ actor: memberActor(access) }));
});
