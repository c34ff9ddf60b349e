// Test set-up for the call index without the sync engine: a team with one member per role, rows
// written through indexedCallRow, and a CallIndexState saying the index is synced.
import crypto from "node:crypto";
import type { TeamAccess } from "@/lib/auth/team-access";
import { indexedCallRow } from "@/lib/call-index/row";
import { db } from "@/lib/db";
import { can, scopesOf, type Role } from "@/lib/rbac";
import type { UpstreamCall } from "@/lib/whattalk";
import { generateDataset } from "@/tools/whattalk-sim/data";

export const TZ = "Europe/Istanbul";

export async function makeTeam(opts: { retentionDays?: number | null } = {}) {
  const team = await db().team.create({ data: { name: "Search", slug: `s-${crypto.randomUUID()}`, timeZone: TZ, indexRetentionDays: opts.retentionDays === undefined ? 90 : opts.retentionDays } });
  const members = {} as Record<Role, TeamAccess>;
  for (const role of ["OWNER", "ADMIN", "SUPERVISOR", "AGENT"] as Role[]) {
    const user = await db().user.create({ data: { email: `${role.toLowerCase()}-${crypto.randomUUID()}@x.test`, name: `${role} person` } });
    const m = await db().membership.create({ data: { teamId: team.id, userId: user.id, role } });
    members[role] = {
      user: { id: user.id, email: user.email, name: user.name, sessionVersion: 1 },
      team: { id: team.id, name: team.name, slug: team.slug, timeZone: team.timeZone, country: team.country },
      role,
      membershipId: m.id,
      scopes: scopesOf(role),
      can: (s) => can(role, s),
    };
  }
  return { team, members };
}

export async function assign(access: TeamAccess, assistantIds: number[]) {
  await db().agentAssignment.createMany({ data: assistantIds.map((assistantId) => ({ teamId: access.team.id, membershipId: access.membershipId, assistantId, label: `Assistant ${assistantId}` })) });
}

let nextId = 900_000;
/** A completed call with a transcript (and anything else given). */
export function makeCall(transcript: string, extra: Partial<UpstreamCall> = {}): UpstreamCall {
  return {
    id: nextId++,
    assistant_name: "Destek Asistanı",
    campaign_name: null,
    type: "inbound",
    duration: 120,
    assistant_phone_number: "+908505550101",
    client_phone_number: "+905550000000",
    status: "completed",
    transcript,
    variables: {},
    evaluation: { sentiment: "neutral", outcome: "resolved", score: 6 },
    webhook_response: null,
    carrier_cost: 0.0123,
    total_cost: 0.4567,
    answered_by: "human",
    recording_url: null,
    created_at: "2026-11-20 10:00:00",
    updated_at: "2026-11-20 10:05:00",
    assistant_id: 101,
    campaign_id: null,
    ...extra,
  } as UpstreamCall;
}

export async function insertCalls(teamId: string, calls: readonly UpstreamCall[], timeZone = TZ) {
  const rows = calls.map((c) => indexedCallRow(teamId, timeZone, c)).filter((r) => r !== null);
  for (let i = 0; i < rows.length; i += 500) await db().indexedCall.createMany({ data: rows.slice(i, i + 500) });
}

/** The index has synced (and, with `complete`, finished its backfill). */
export async function markSynced(teamId: string, opts: { complete?: boolean; reachesBackTo?: Date; at?: Date } = {}) {
  const data = { lastSuccessAt: opts.at ?? new Date(), backfillDoneAt: opts.complete === false ? null : new Date(), reachesBackTo: opts.reachesBackTo ?? null };
  await db().callIndexState.upsert({ where: { teamId }, create: { teamId, ...data }, update: data });
}

/** The simulator's Turkish account: its calls (realistic transcripts, variables, evaluations). */
export function simulatorCalls(): UpstreamCall[] {
  const dataset = generateDataset({ anchor: "2026-11-24T21:00:00Z" });
  return dataset.accounts.find((a) => a.timeZone === TZ)!.calls as unknown as UpstreamCall[];
}
