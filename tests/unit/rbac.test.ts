import { describe, expect, it } from "vitest";
import { can, canManageRole, canReadCalls, ROLES, SCOPES, scopesOf, type Role, type Scope } from "@/lib/rbac";
import { mainNav, settingsNav } from "@/lib/nav";

// The table, written out independently of lib/rbac.ts: each scope and the roles that hold it.
// `team:settings` is the one scope the portal adds (renaming a team, its slug, time zone, country).
const EXPECTED: Record<Scope, Role[]> = {
  "calls:read:all": ["OWNER", "ADMIN", "SUPERVISOR"],
  "calls:read:assigned": ["AGENT"],
  "calls:costs": ["OWNER", "ADMIN", "SUPERVISOR"],
  "calls:export": ["OWNER", "ADMIN", "SUPERVISOR"],
  "analytics:read": ["OWNER", "ADMIN", "SUPERVISOR"],
  "views:share": ["OWNER", "ADMIN", "SUPERVISOR"],
  "assignments:manage": ["OWNER", "ADMIN", "SUPERVISOR"],
  "members:manage": ["OWNER", "ADMIN"],
  "credentials:manage": ["OWNER", "ADMIN"],
  "audit:read": ["OWNER", "ADMIN"],
  "calls:delete": ["OWNER", "ADMIN"],
  "team:settings": ["OWNER", "ADMIN"],
  "team:delete": ["OWNER"],
  "ownership:transfer": ["OWNER"],
};

describe("the role matrix", () => {
  it("has exactly the scopes of the table", () => {
    expect([...SCOPES].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const scope of SCOPES) {
    for (const role of ROLES) {
      const expected = EXPECTED[scope].includes(role);
      it(`${role} ${expected ? "has" : "lacks"} ${scope}`, () => {
        expect(can(role, scope)).toBe(expected);
        expect(scopesOf(role).includes(scope)).toBe(expected);
      });
    }
  }

  it("lets every role open the calls pages (agents narrowed to their assistants)", () => {
    for (const role of ROLES) expect(canReadCalls(role)).toBe(true);
    expect(can("AGENT", "calls:read:all")).toBe(false);
  });

  it("returns a copy of a role's scopes that cannot change the matrix", () => {
    const scopes = scopesOf("AGENT");
    scopes.push("members:manage");
    expect(can("AGENT", "members:manage")).toBe(false);
  });
});

describe("canManageRole: only owners grant or take away owner/admin", () => {
  const table: Record<Role, Record<Role, boolean>> = {
    OWNER: { OWNER: true, ADMIN: true, SUPERVISOR: true, AGENT: true },
    ADMIN: { OWNER: false, ADMIN: false, SUPERVISOR: true, AGENT: true },
    SUPERVISOR: { OWNER: false, ADMIN: false, SUPERVISOR: false, AGENT: false },
    AGENT: { OWNER: false, ADMIN: false, SUPERVISOR: false, AGENT: false },
  };
  for (const actor of ROLES) {
    for (const target of ROLES) {
      it(`${actor} ${table[actor][target] ? "may" : "may not"} manage ${target}`, () => {
        expect(canManageRole(actor, target)).toBe(table[actor][target]);
      });
    }
  }
});

describe("navigation follows the matrix", () => {
  it("shows each role only the settings pages it may open", () => {
    const paths = (role: Role) => settingsNav("t", role).map((i) => i.href.split("/").pop());
    expect(paths("OWNER")).toEqual(["general", "members", "assignments", "connection", "directory", "search-index", "audit"]);
    expect(paths("ADMIN")).toEqual(["general", "members", "assignments", "connection", "directory", "search-index", "audit"]);
    // Supervisors see the search index's state (they rely on its freshness) but cannot change it.
    expect(paths("SUPERVISOR")).toEqual(["assignments", "directory", "search-index"]);
    expect(paths("AGENT")).toEqual([]);
    expect(mainNav("t", "AGENT").map((i) => i.label)).toEqual(["Calls"]);
  });
});
