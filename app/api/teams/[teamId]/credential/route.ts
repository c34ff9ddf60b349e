import { requireTeam } from "@/lib/auth/team-access";
import { json, readJson, route } from "@/lib/http/route";
import { getCredential } from "@/lib/credentials/get-credential";
import { removeCredential } from "@/lib/credentials/remove-credential";
import { saveCredential } from "@/lib/connection/save-credential";
import { saveCredentialSchema } from "@/lib/credentials/schema";
import { memberActor } from "@/lib/teams/team-actor";

type Params = { teamId: string };

/** The team's WhatTalk key: metadata only (label, last 4, status, dates), never the key (credentials:manage). */
export const GET = route<Params>(async (_req, { teamId }) => {
  const access = await requireTeam({ teamId }, "credentials:manage");
  return json({ credential: await getCredential(access.team.id) });
});

/** Adds or replaces the key: { label, apiKey, allowUnchecked? }. Tested against WhatTalk first (credentials:manage). */
export const PUT = route<Params>(async (req, { teamId }) => {
  const access = await requireTeam({ teamId }, "credentials:manage");
  const body = await readJson(req, saveCredentialSchema);
  return json(await saveCredential({ actor: memberActor(access), ...body }));
});

/** Removes the key (credentials:manage). */
export const DELETE = route<Params>(async (_req, { teamId }) => {
  const access = await requireTeam({ teamId }, "credentials:manage");
  return json(await removeCredential({ actor: memberActor(access) }));
});
