import "server-only";
import { assertTeamScope, type TeamReader } from "@/lib/auth/team-actor";
import { CREDENTIAL_STATUS_SCOPES } from "@/lib/rbac";
import { db } from "@/lib/db";
import { CREDENTIAL_SELECT, toCredentialDTO } from "@/lib/credentials/select";
import type { CredentialDTO } from "@/lib/credentials/types";

/** The team's WhatTalk key as the settings page shows it (metadata only), or null when there is none. */
export async function getCredential(who: TeamReader): Promise<CredentialDTO | null> {
  const teamId = assertTeamScope(who, CREDENTIAL_STATUS_SCOPES);
  const row = await db().apiCredential.findUnique({ where: { teamId }, select: CREDENTIAL_SELECT });
  return row ? toCredentialDTO(row) : null;
}
