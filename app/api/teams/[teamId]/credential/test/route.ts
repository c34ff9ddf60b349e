import { json } from "@/lib/http/route";
import { testCredential } from "@/lib/credentials/test-credential";
import { memberActor } from "@/lib/auth/team-actor";
import { teamRoute } from "@/lib/http/team-route";

/** "Test connection": tries the stored key against WhatTalk; 200 with { result, message, credential } (credentials:manage). */
export const POST = teamRoute("credentials:manage", async (access) => {
  return json(await testCredential({ actor: memberActor(access) }));
});
