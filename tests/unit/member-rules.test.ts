import { describe, expect, it } from "vitest";
import { checkInvite, checkLeave, checkRemoval, checkRoleChange, checkTransfer } from "@/lib/members/rules";

const owner = { role: "OWNER" as const, membershipId: "m-owner" };
const admin = { role: "ADMIN" as const, membershipId: "m-admin" };
const supervisor = { role: "SUPERVISOR" as const, membershipId: "m-sup" };
const operator = { role: "OWNER" as const, membershipId: null };

const status = (e: ReturnType<typeof checkRoleChange>) => e?.status ?? 200;

describe("membership rules", () => {
  it("nobody changes their own role, not even an owner", () => {
    expect(status(checkRoleChange(owner, { id: "m-owner", role: "OWNER" }, "ADMIN", 2))).toBe(403);
    expect(status(checkRoleChange(admin, { id: "m-admin", role: "ADMIN" }, "OWNER", 1))).toBe(403);
  });

  it("only owners grant or take away owner/admin", () => {
    expect(status(checkRoleChange(admin, { id: "x", role: "AGENT" }, "ADMIN", 1))).toBe(403);
    expect(status(checkRoleChange(admin, { id: "x", role: "AGENT" }, "OWNER", 1))).toBe(403);
    expect(status(checkRoleChange(admin, { id: "x", role: "ADMIN" }, "AGENT", 1))).toBe(403);
    expect(status(checkRoleChange(admin, { id: "x", role: "SUPERVISOR" }, "AGENT", 1))).toBe(200);
    expect(status(checkRoleChange(owner, { id: "x", role: "AGENT" }, "ADMIN", 1))).toBe(200);
    expect(status(checkRoleChange(supervisor, { id: "x", role: "AGENT" }, "SUPERVISOR", 1))).toBe(403);
  });

  it("the last owner cannot be demoted, even by an operator", () => {
    expect(status(checkRoleChange(operator, { id: "x", role: "OWNER" }, "ADMIN", 1))).toBe(409);
    expect(status(checkRoleChange(owner, { id: "x", role: "OWNER" }, "ADMIN", 2))).toBe(200);
  });

  it("removal follows the same rules, and you leave rather than remove yourself", () => {
    expect(status(checkRemoval(admin, { id: "x", role: "OWNER" }, 2))).toBe(403);
    expect(status(checkRemoval(admin, { id: "x", role: "ADMIN" }, 1))).toBe(403);
    expect(status(checkRemoval(admin, { id: "x", role: "AGENT" }, 1))).toBe(200);
    expect(status(checkRemoval(owner, { id: "m-owner", role: "OWNER" }, 2))).toBe(400);
    expect(status(checkRemoval(operator, { id: "x", role: "OWNER" }, 1))).toBe(409);
  });

  it("the last owner cannot leave", () => {
    expect(status(checkLeave({ role: "OWNER" }, 1))).toBe(409);
    expect(status(checkLeave({ role: "OWNER" }, 2))).toBe(200);
    expect(status(checkLeave({ role: "AGENT" }, 1))).toBe(200);
  });

  it("admins invite supervisors and agents only", () => {
    expect(status(checkInvite(admin, "AGENT"))).toBe(200);
    expect(status(checkInvite(admin, "SUPERVISOR"))).toBe(200);
    expect(status(checkInvite(admin, "ADMIN"))).toBe(403);
    expect(status(checkInvite(admin, "OWNER"))).toBe(403);
    expect(status(checkInvite(supervisor, "AGENT"))).toBe(403);
    expect(status(checkInvite(owner, "OWNER"))).toBe(200);
  });

  it("ownership goes from an owner to another non-owner member", () => {
    expect(status(checkTransfer(admin, { id: "x", role: "AGENT" }))).toBe(403);
    expect(status(checkTransfer(owner, { id: "m-owner", role: "OWNER" }))).toBe(400);
    expect(status(checkTransfer(owner, { id: "x", role: "OWNER" }))).toBe(409);
    expect(status(checkTransfer(owner, { id: "x", role: "AGENT" }))).toBe(200);
  });
});
