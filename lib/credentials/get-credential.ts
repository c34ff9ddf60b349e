import "server-only";
import { db } from "@/lib/db";
import { CREDENTIAL_SELECT, toCredentialDTO } from "@/lib/credentials/select";
import type { CredentialDTO } from "@/lib/credentials/types";

/** The team's WhatTalk key as the settings page shows it (metadata only), or null when there is none. */
export async function getCredential(teamId: string): Promise<CredentialDTO | null> {
  const row = await db().apiCredential.findUnique({ where: { teamId }, select: CREDENTIAL_SELECT });
  return row ? toCredentialDTO(row) : null;
}
