import { json, readJson } from "@/lib/http/route";
import { getCredential } from "@/lib/credentials/get-credential";
import { removeCredential } from "@/lib/credentials/remove-credential";
import { saveCredential } from "@/lib/connection/save-credential";
import { saveCredentialSchema } from "@/lib/credentials/schema";
import { memberActor } from "@/lib/auth/team-actor";
import { teamRoute } from "@/lib/http/team-route";

type Params = { teamId: string };

/** The team's WhatTalk key: metadata only (label, last 4, status, dates), never the key (credentials:manage). */
export const GET = teamRoute<Params>("credentials:manage", async (access) => {
  return json({ credential: await getCredential(access) });
});

/** Adds or replaces the key: { label, apiKey, allowUnchecked? }. Tested against WhatTalk first (credentials:manage). */
export const PUT = teamRoute<Params>("credentials:manage", async (access, req) => {
  const body = await readJson(req, saveCredentialSchema);
  return json(await saveCredential({ actor: memberActor(access), ...body }));
});

/** Removes the key (credentials:manage). */
export const DELETE = teamRoute<Params>("credentials:manage", async (access) => {
  return json(await removeCredential({ actor: memberActor(access) }));
});
