// The demo data: four users (one per role) in the team "Demo Call Centre" (slug `demo`), and the
// agent assigned to two assistants of the simulator's "alpha" WhatTalk account. Everything goes
// through the portal's own services (validation, audit log), exactly like the admin CLI.
// Idempotent: a second run creates nothing and changes nothing, and returns the same list.
import { db } from "@/lib/db";
import type { Role } from "@/lib/rbac";
import { listAssignments } from "@/lib/assignments/list-assignments";
import { setAssignments } from "@/lib/assignments/set-assignments";
import { addMember } from "@/lib/members/add-member";
import { createTeam } from "@/lib/teams/create-team";
import { findTeamBySlug } from "@/lib/teams/find-team-by-slug";
import { operatorActor } from "@/lib/auth/team-actor";
import { createUser } from "@/lib/users/create-user";
import { getCredential } from "@/lib/credentials/get-credential";
import { saveCredential } from "@/lib/connection/save-credential";
import { listDirectory } from "@/lib/directory/list-directory";
import { syncAssistants } from "@/lib/directory/sync-assistants";
import { findUserByEmail } from "@/lib/users/find-user-by-email";

export const DEMO_PASSWORD = "demo-password";
/** The simulator account "alpha" (tools/whattalk-sim). */
export const DEMO_WHATTALK_KEY = "wt_demo_alpha";
export const DEMO_TEAM = { name: "Demo Call Centre", slug: "demo", timeZone: "Europe/Istanbul", country: "TR" } as const;

const USERS: { email: string; name: string; role: Role }[] = [
  { email: "owner@demo.test", name: "Olivia Owner", role: "OWNER" },
  { email: "admin@demo.test", name: "Adem Admin", role: "ADMIN" },
  { email: "supervisor@demo.test", name: "Selin Supervisor", role: "SUPERVISOR" },
  { email: "agent@demo.test", name: "Ali Agent", role: "AGENT" },
];

/** The alpha account's assistants 101 and 102 in tools/whattalk-sim/data.ts, by their real names. */
const AGENT_ASSISTANTS = [
  { assistantId: 101, label: "Satış Asistanı – Ayşe" },
  { assistantId: 102, label: "Müşteri Hizmetleri (Gelen)" },
];

export async function seedDemo({ log }: { log: (line: string) => void }): Promise<{ users: { email: string; role: string }[]; password: string }> {
  const ids = new Map<string, string>();
  let created = 0;
  for (const u of USERS) {
    let user = await findUserByEmail(u.email);
    if (!user) {
      user = await createUser({ email: u.email, name: u.name, password: DEMO_PASSWORD });
      created++;
    }
    ids.set(u.email, user.id);
  }

  const owner = USERS.find((u) => u.role === "OWNER")!;
  let team = await findTeamBySlug(DEMO_TEAM.slug);
  if (!team) {
    team = await createTeam({ ownerUserId: ids.get(owner.email)!, ...DEMO_TEAM, auditActor: { id: null, email: "operator:seed" } });
    created++;
  }
  const actor = operatorActor(team.id, "seed");

  for (const u of USERS) {
    const userId = ids.get(u.email)!;
    const membership = await db().membership.findUnique({ where: { teamId_userId: { teamId: team.id, userId } }, select: { id: true, role: true } });
    if (!membership) {
      await addMember({ actor, userId, role: u.role });
      created++;
    }
  }

  const agent = USERS.find((u) => u.role === "AGENT")!;
  const agentMembership = await db().membership.findUnique({ where: { teamId_userId: { teamId: team.id, userId: ids.get(agent.email)! } }, select: { id: true, role: true } });
  if (agentMembership?.role === "AGENT") {
    const current = await listAssignments(operatorActor(team.id), agentMembership.id);
    if (current.assignments.length === 0) {
      await setAssignments({ actor, membershipId: agentMembership.id, assignments: AGENT_ASSISTANTS });
      created++;
    }
  }

  // WhatTalk credential: added by the connection feature
  // The simulator's "alpha" key, stored through the connection service (encrypted with this
  // install's key ring, audited). Tested against WhatTalk when it answers (the demo starts the
  // simulator first, so the key is "ok"); saved as "unchecked" when it cannot be reached. Never
  // replaces a key that is already there. Then the assistants, until one sync has worked.
  if (!(await getCredential(operatorActor(team.id)))) {
    const saved = await saveCredential({ actor, label: "Demo account (simulator)", apiKey: DEMO_WHATTALK_KEY, allowUnchecked: true });
    created++;
    log(`WhatTalk API key stored for team "${DEMO_TEAM.slug}": ${saved.credential.status}${saved.warning ? ` (${saved.warning})` : ""}.`);
  }
  if (!(await listDirectory(operatorActor(team.id))).sync.syncedAt) {
    const sync = await syncAssistants({ actor }).catch((error: unknown) => ({ status: "failed" as const, message: error instanceof Error ? error.message : String(error) }));
    if (sync.status === "synced") created++;
    else log(`Assistants not synced: ${sync.message}`);
  }

  log(created ? `Demo data ready: team "${DEMO_TEAM.name}" (/teams/${DEMO_TEAM.slug}) with ${USERS.length} users.` : "Demo data already present.");
  return { users: USERS.map((u) => ({ email: u.email, role: u.role.toLowerCase() })), password: DEMO_PASSWORD };
}
