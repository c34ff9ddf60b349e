import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { createTeam } from "@/lib/teams/create-team";
import { deleteTeam } from "@/lib/teams/delete-team";
import { updateTeamSettings } from "@/lib/teams/update-team-settings";
import { changePassword } from "@/lib/users/change-password";
import { createUser } from "@/lib/users/create-user";
import { signOutEverywhere } from "@/lib/users/sign-out-everywhere";
import { updateProfile } from "@/lib/users/update-profile";
import { PASSWORD, rejects, sessionVersion, team, uniq, user } from "./accounts-fixtures";

describe("users", () => {
  it("are created with a normalised e-mail and an argon2id hash, once per address", async () => {
    const name = uniq("Ada");
    const u = await createUser({ email: ` ${name.toUpperCase()}@Example.test `, password: PASSWORD, name: " Ada L " });
    expect(u).toEqual({ id: expect.any(String), email: `${name.toLowerCase()}@example.test`, name: "Ada L" });
    const row = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(row.passwordHash, PASSWORD)).toBe(true);
    await rejects(createUser({ email: u.email, password: PASSWORD, name: "Again" }), 409);
    await rejects(createUser({ email: "x@example.test", password: "short", name: "X" }), 400);
  });

  it("change their name", async () => {
    const u = await user();
    expect((await updateProfile({ userId: u.id, name: " New Name " })).name).toBe("New Name");
    await rejects(updateProfile({ userId: u.id, name: "   " }), 400);
  });

  it("change their password only with the current one; every session ends", async () => {
    const u = await user();
    const sv = await sessionVersion(u.id);
    const wrong = await rejects(changePassword({ userId: u.id, currentPassword: "not it", newPassword: "a brand new password", clientIp: "10.0.0.1" }), 400);
    expect(wrong.message).toMatch(/current password/);
    expect(await sessionVersion(u.id)).toBe(sv);
    await rejects(changePassword({ userId: u.id, currentPassword: PASSWORD, newPassword: "short", clientIp: "10.0.0.1" }), 400);
    const r = await changePassword({ userId: u.id, currentPassword: PASSWORD, newPassword: "a brand new password", clientIp: "10.0.0.1" });
    expect(r.sessionVersion).toBe(sv + 1);
    const row = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    expect(await verifyPassword(row.passwordHash, "a brand new password")).toBe(true);
    expect(await verifyPassword(row.passwordHash, PASSWORD)).toBe(false);
  });

  it("cannot guess the current password without limit", async () => {
    const u = await user();
    for (let i = 0; i < 5; i++) await rejects(changePassword({ userId: u.id, currentPassword: `guess ${i}`, newPassword: "a brand new password", clientIp: "10.0.0.2" }), 400);
    await rejects(changePassword({ userId: u.id, currentPassword: PASSWORD, newPassword: "a brand new password", clientIp: "10.0.0.2" }), 429);
  });

  it("sign out everywhere", async () => {
    const u = await user();
    const sv = await sessionVersion(u.id);
    await signOutEverywhere(u.id);
    expect(await sessionVersion(u.id)).toBe(sv + 1);
  });
});

describe("teams", () => {
  it("are created with their creator as owner, a free slug and validated settings", async () => {
    const u = await user();
    const name = `Acme ${uniq()}`;
    const a = await createTeam({ ownerUserId: u.id, name });
    const b = await createTeam({ ownerUserId: u.id, name });
    expect(b.slug).toBe(`${a.slug}-2`);
    expect(a).toMatchObject({ name, timeZone: "Europe/Istanbul", country: "TR" });
    expect(await db().membership.findUniqueOrThrow({ where: { teamId_userId: { teamId: a.id, userId: u.id } } })).toMatchObject({ role: "OWNER" });
    await rejects(createTeam({ ownerUserId: u.id, name: "X", slug: a.slug }), 409);
    await rejects(createTeam({ ownerUserId: u.id, name: "X", slug: "new" }), 400);
    await rejects(createTeam({ ownerUserId: u.id, name: "X", timeZone: "Mars/Base" }), 400);
    await rejects(createTeam({ ownerUserId: u.id, name: "X", country: "XX" }), 400);
    const c = await createTeam({ ownerUserId: u.id, name: "Berlin", slug: uniq("berlin-"), timeZone: "Europe/Berlin", country: "de" });
    expect(c).toMatchObject({ timeZone: "Europe/Berlin", country: "DE" });
  });

  it("change settings (team:settings) and record what changed", async () => {
    const { by, team: t } = await team();
    const slug = uniq("renamed-");
    const r = await updateTeamSettings({ actor: by("ADMIN").actor, changes: { name: "Renamed", slug, timeZone: "UTC", country: "GB" } });
    expect(r).toMatchObject({ name: "Renamed", slug, timeZone: "UTC", country: "GB" });
    const ev = await db().auditEvent.findFirstOrThrow({ where: { teamId: t.id, action: "team.settings_changed" } });
    expect(ev.data).toEqual({
      changes: { name: { from: t.name, to: "Renamed" }, slug: { from: t.slug, to: slug }, timeZone: { from: "Europe/Istanbul", to: "UTC" }, country: { from: "TR", to: "GB" } },
    });
    await rejects(updateTeamSettings({ actor: by("SUPERVISOR").actor, changes: { name: "Nope" } }), 403);
    await rejects(updateTeamSettings({ actor: by("ADMIN").actor, changes: { timeZone: "Nowhere/Land" } }), 400);
    await rejects(updateTeamSettings({ actor: by("ADMIN").actor, changes: {} }), 400);
    const other = await team(["OWNER"]);
    await rejects(updateTeamSettings({ actor: by("ADMIN").actor, changes: { slug: other.team.slug } }), 409);
  });

  it("are deleted by owners only, with the slug as confirmation", async () => {
    const { by, team: t } = await team();
    await rejects(deleteTeam({ actor: by("ADMIN").actor, confirmSlug: t.slug }), 403);
    await rejects(deleteTeam({ actor: by("OWNER").actor, confirmSlug: "wrong" }), 400);
    await deleteTeam({ actor: by("OWNER").actor, confirmSlug: t.slug });
    expect(await db().team.findUnique({ where: { id: t.id } })).toBeNull();
    expect(await db().membership.count({ where: { teamId: t.id } })).toBe(0);
    const ev = await db().auditEvent.findFirstOrThrow({ where: { action: "team.deleted", targetId: t.id } });
    expect(ev).toMatchObject({ teamId: null, actorId: by("OWNER").userId, targetLabel: t.name });
  });
});
