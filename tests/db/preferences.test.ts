import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import type { TeamAccess } from "@/lib/auth/team-access";
import { DEFAULT_CALL_COLUMNS } from "@/lib/calls/columns";
import { db } from "@/lib/db";
import { getCallColumns } from "@/lib/preferences/get-call-columns";
import { preferencesInput } from "@/lib/preferences/schema";
import { setCallColumns } from "@/lib/preferences/set-call-columns";
import { can, scopesOf, type Role } from "@/lib/rbac";

async function member(teamId: string, role: Role): Promise<TeamAccess> {
  const team = await db().team.findUniqueOrThrow({ where: { id: teamId } });
  const user = await db().user.create({ data: { email: `${role.toLowerCase()}-${crypto.randomUUID()}@x.test`, name: `${role} person` } });
  const m = await db().membership.create({ data: { teamId, userId: user.id, role } });
  return {
    user: { id: user.id, email: user.email, name: user.name, sessionVersion: 1 },
    team: { id: team.id, name: team.name, slug: team.slug, timeZone: team.timeZone, country: team.country },
    role,
    membershipId: m.id,
    scopes: scopesOf(role),
    can: (s) => can(role, s),
  };
}

async function team() {
  return db().team.create({ data: { name: "Prefs", slug: `p-${crypto.randomUUID()}` } });
}

describe("calls table columns per member", () => {
  it("starts with the defaults, remembers a choice per user and per team", async () => {
    const a = await team();
    const b = await team();
    const sup = await member(a.id, "SUPERVISOR");
    const other = await member(a.id, "ADMIN");
    expect(await getCallColumns(sup)).toEqual(DEFAULT_CALL_COLUMNS);

    expect(await setCallColumns(sup, ["score", "status", "status", "cost"])).toEqual(["time", "status", "score", "cost"]);
    expect(await getCallColumns(sup)).toEqual(["time", "status", "score", "cost"]);
    expect(await getCallColumns(other)).toEqual(DEFAULT_CALL_COLUMNS);

    // The same user in another team has their own choice.
    const supInB: TeamAccess = { ...sup, team: { ...sup.team, id: b.id, slug: b.slug } };
    await db().membership.create({ data: { teamId: b.id, userId: sup.user.id, role: "SUPERVISOR" } });
    expect(await getCallColumns(supInB)).toEqual(DEFAULT_CALL_COLUMNS);

    // Replacing keeps one row per member and team.
    await setCallColumns(sup, ["type"]);
    expect(await getCallColumns(sup)).toEqual(["time", "type"]);
    expect(await db().teamMemberPreference.count({ where: { teamId: a.id, userId: sup.user.id } })).toBe(1);
  });

  it("never shows the cost column to a role without costs, whatever is stored", async () => {
    const t = await team();
    const agent = await member(t.id, "AGENT");
    expect(await getCallColumns(agent)).not.toContain("cost");
    expect(await setCallColumns(agent, ["cost", "status"])).toEqual(["time", "status"]);
    expect(await getCallColumns(agent)).toEqual(["time", "status"]);
  });

  it("ignores unknown ids in stored data and falls back to the defaults", async () => {
    const t = await team();
    const sup = await member(t.id, "SUPERVISOR");
    await db().teamMemberPreference.create({ data: { teamId: t.id, userId: sup.user.id, columns: ["bogus", 7] } });
    expect(await getCallColumns(sup)).toEqual(DEFAULT_CALL_COLUMNS);
  });

  it("accepts only known column ids in the request body", () => {
    expect(preferencesInput.safeParse({ columns: ["time", "status"] }).success).toBe(true);
    expect(preferencesInput.safeParse({ columns: ["time", "ssn"] }).success).toBe(false);
    expect(preferencesInput.safeParse({ columns: "time" }).success).toBe(false);
    expect(preferencesInput.safeParse({}).success).toBe(false);
    expect(preferencesInput.safeParse({ columns: Array(40).fill("time") }).success).toBe(false);
  });
});
