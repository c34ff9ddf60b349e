// Read services state their scope: a member's access without it is refused (403) before any read;
// an operator (CLI, seed) reads as an owner would.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { operatorActor } from "@/lib/auth/team-actor";
import type { TeamAccess } from "@/lib/auth/team-access";
import { listAgentAssignments } from "@/lib/assignments/list-agent-assignments";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { getCredential } from "@/lib/credentials/get-credential";
import { db } from "@/lib/db";
import { listDirectory } from "@/lib/directory/list-directory";
import { listInvitations } from "@/lib/invitations/list-invitations";
import { listMembers } from "@/lib/members/list-members";
import { can, scopesOf, type Role } from "@/lib/rbac";

async function setup() {
  const team = await db().team.create({ data: { name: "Scopes", slug: `s-${crypto.randomUUID()}` } });
  const as = (role: Role): TeamAccess => ({
    user: { id: "u", email: "u@x.test", name: "U", sessionVersion: 1 },
    team: { id: team.id, name: team.name, slug: team.slug, timeZone: team.timeZone, country: team.country },
    role,
    membershipId: "m",
    scopes: scopesOf(role),
    can: (s) => can(role, s),
  });
  return { team, as };
}

describe("read services check the scope they state", () => {
  it("refuses a role without it, lets a role with it and an operator read", async () => {
    const { team, as } = await setup();
    await expect(listAuditEvents(as("SUPERVISOR"))).rejects.toMatchObject({ status: 403 });
    await expect(listMembers(as("AGENT"))).rejects.toMatchObject({ status: 403 });
    await expect(listInvitations(as("SUPERVISOR"))).rejects.toMatchObject({ status: 403 });
    await expect(listAgentAssignments(as("AGENT"))).rejects.toMatchObject({ status: 403 });
    await expect(getCredential(as("AGENT"))).rejects.toMatchObject({ status: 403 });

    expect((await listAuditEvents(as("ADMIN"))).events).toEqual([]);
    expect(await listMembers(as("SUPERVISOR"))).toEqual([]);
    expect(await getCredential(as("SUPERVISOR"))).toBeNull();
    expect((await listDirectory(as("AGENT"), { onlyAssistantIds: [] })).assistants).toEqual([]);
    expect(await listInvitations(operatorActor(team.id))).toEqual([]);
  });
});
