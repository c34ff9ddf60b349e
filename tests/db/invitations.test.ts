import crypto from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { acceptInvitation } from "@/lib/invitations/accept-invitation";
import { createInvitation } from "@/lib/invitations/create-invitation";
import { getInvitationPreview } from "@/lib/invitations/get-invitation-preview";
import { listInvitations } from "@/lib/invitations/list-invitations";
import { revokeInvitation } from "@/lib/invitations/revoke-invitation";
import { hashInvitationToken } from "@/lib/invitations/token";
import { signUp } from "@/lib/users/sign-up";
import { rejects, team, uniq, user } from "./accounts-fixtures";
import { operatorActor } from "@/lib/auth/team-actor";

const email = () => `${uniq("invitee")}@example.test`;
const userFor = async (address: string) => user(address.split("@")[0]);

describe("creating invitations", () => {
  it("returns a link once and stores only the sha256 of its token, valid for 7 days", async () => {
    const { by, team: t } = await team();
    const before = Date.now();
    const created = await createInvitation({ actor: by("ADMIN").actor, email: "  New.Person@Example.test ", role: "AGENT" });
    expect(created.path).toBe(`/invite/${created.token}`);
    expect(created.invitation).toMatchObject({ email: "new.person@example.test", role: "AGENT", status: "pending" });
    const row = await db().invitation.findUniqueOrThrow({ where: { id: created.invitation.id } });
    expect(row.tokenHash).toBe(crypto.createHash("sha256").update(created.token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(created.token);
    const events = await db().auditEvent.findMany({ where: { teamId: t.id, action: "member.invited" } });
    expect(JSON.stringify(events)).not.toContain(created.token);
    const ttl = row.expiresAt.getTime() - before;
    expect(ttl).toBeGreaterThan(7 * 86400_000 - 60_000);
    expect(ttl).toBeLessThanOrEqual(7 * 86400_000 + 1000);
  });

  it("lets only owners invite owners and admins, and no supervisor or agent invite anyone", async () => {
    const { by } = await team();
    await rejects(createInvitation({ actor: by("ADMIN").actor, email: email(), role: "ADMIN" }), 403);
    await rejects(createInvitation({ actor: by("ADMIN").actor, email: email(), role: "OWNER" }), 403);
    await rejects(createInvitation({ actor: by("SUPERVISOR").actor, email: email(), role: "AGENT" }), 403);
    await rejects(createInvitation({ actor: by("AGENT").actor, email: email(), role: "AGENT" }), 403);
    await createInvitation({ actor: by("OWNER").actor, email: email(), role: "ADMIN" });
  });

  it("refuses members and bad input with field errors", async () => {
    const { by } = await team();
    const e = await rejects(createInvitation({ actor: by("ADMIN").actor, email: by("AGENT").email, role: "AGENT" }), 409);
    expect(e.message).toMatch(/already a member/);
    await rejects(createInvitation({ actor: by("ADMIN").actor, email: "nope", role: "AGENT" }), 400);
    await rejects(createInvitation({ actor: by("ADMIN").actor, email: email(), role: "GOD" }), 400);
  });

  it("replaces a pending invitation for the same address: only the newest link works", async () => {
    const { by } = await team();
    const address = email();
    const first = await createInvitation({ actor: by("ADMIN").actor, email: address, role: "AGENT" });
    const second = await createInvitation({ actor: by("ADMIN").actor, email: address, role: "SUPERVISOR" });
    const u = await userFor(address);
    await rejects(acceptInvitation({ token: first.token, user: u }), 409);
    expect(await acceptInvitation({ token: second.token, user: u })).toMatchObject({ role: "SUPERVISOR" });
  });
});

describe("accepting invitations", () => {
  it("joins the team with the invited role, once", async () => {
    const { by, team: t } = await team();
    const address = email();
    const { token } = await createInvitation({ actor: by("ADMIN").actor, email: address, role: "SUPERVISOR" });
    const u = await userFor(address);
    expect(await acceptInvitation({ token, user: u })).toEqual({ team: { name: t.name, slug: t.slug }, role: "SUPERVISOR" });
    const m = await db().membership.findUniqueOrThrow({ where: { teamId_userId: { teamId: t.id, userId: u.id } } });
    expect(m.role).toBe("SUPERVISOR");
    const e = await rejects(acceptInvitation({ token, user: u }), 409);
    expect(e.details).toMatchObject({ reason: "used" });
    expect((await getInvitationPreview(token))?.status).toBe("accepted");
  });

  it("is single use even when accepted twice at the same moment", async () => {
    const { by, team: t } = await team();
    const address = email();
    const { token } = await createInvitation({ actor: by("ADMIN").actor, email: address, role: "AGENT" });
    const u = await userFor(address);
    const results = await Promise.allSettled([acceptInvitation({ token, user: u }), acceptInvitation({ token, user: u })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db().membership.count({ where: { teamId: t.id, userId: u.id } })).toBe(1);
  });

  it("only works for the invited e-mail address", async () => {
    const { by } = await team();
    const { token } = await createInvitation({ actor: by("ADMIN").actor, email: email(), role: "AGENT" });
    const stranger = await user();
    const e = await rejects(acceptInvitation({ token, user: stranger }), 403);
    expect(e.details).toMatchObject({ reason: "email_mismatch" });
    expect((await getInvitationPreview(token))?.status).toBe("pending");
  });

  it("refuses expired and revoked invitations with clear reasons", async () => {
    const { by } = await team();
    const a = email();
    const expired = await createInvitation({ actor: by("ADMIN").actor, email: a, role: "AGENT" });
    await db().invitation.update({ where: { id: expired.invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const e1 = await rejects(acceptInvitation({ token: expired.token, user: await userFor(a) }), 409);
    expect(e1.details).toMatchObject({ reason: "expired" });
    expect(e1.message).toMatch(/expired/);

    const b = email();
    const revoked = await createInvitation({ actor: by("ADMIN").actor, email: b, role: "AGENT" });
    await revokeInvitation({ actor: by("ADMIN").actor, invitationId: revoked.invitation.id });
    const e2 = await rejects(acceptInvitation({ token: revoked.token, user: await userFor(b) }), 409);
    expect(e2.details).toMatchObject({ reason: "revoked" });
  });

  it("answers 404 for unknown or malformed tokens", async () => {
    const u = await user();
    await rejects(acceptInvitation({ token: crypto.randomBytes(32).toString("base64url"), user: u }), 404);
    await rejects(acceptInvitation({ token: "garbage", user: u }), 404);
    expect(await getInvitationPreview("garbage")).toBeNull();
  });

  it("records the join in the audit log", async () => {
    const { by, team: t } = await team();
    const address = email();
    const { token, invitation } = await createInvitation({ actor: by("ADMIN").actor, email: address, role: "AGENT" });
    const u = await userFor(address);
    await acceptInvitation({ token, user: u });
    const ev = await db().auditEvent.findFirstOrThrow({ where: { teamId: t.id, action: "member.joined", actorId: u.id } });
    expect(ev).toMatchObject({ targetType: "user", targetId: u.id, targetLabel: address, data: { role: "AGENT", invitationId: invitation.id } });
  });
});

describe("revoking and listing", () => {
  it("lists open invitations (pending and recently expired), not used or revoked ones", async () => {
    const { by, team: t } = await team();
    const [p, x, r, used] = [email(), email(), email(), email()];
    await createInvitation({ actor: by("ADMIN").actor, email: p, role: "AGENT" });
    const ex = await createInvitation({ actor: by("ADMIN").actor, email: x, role: "AGENT" });
    await db().invitation.update({ where: { id: ex.invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const rv = await createInvitation({ actor: by("ADMIN").actor, email: r, role: "AGENT" });
    await revokeInvitation({ actor: by("ADMIN").actor, invitationId: rv.invitation.id });
    const us = await createInvitation({ actor: by("ADMIN").actor, email: used, role: "AGENT" });
    await acceptInvitation({ token: us.token, user: await userFor(used) });
    const list = await listInvitations(operatorActor(t.id));
    expect(list.map((i) => [i.email, i.status]).sort()).toEqual([[p, "pending"], [x, "expired"]].sort());
    expect(JSON.stringify(list)).not.toMatch(/tokenHash|token/);
  });

  it("revokes within the team only, and not an accepted one; admins cannot revoke an owner invitation", async () => {
    const a = await team();
    const b = await team();
    const inv = await createInvitation({ actor: a.by("OWNER").actor, email: email(), role: "ADMIN" });
    await rejects(revokeInvitation({ actor: b.by("OWNER").actor, invitationId: inv.invitation.id }), 404);
    await rejects(revokeInvitation({ actor: a.by("ADMIN").actor, invitationId: inv.invitation.id }), 403);
    await rejects(revokeInvitation({ actor: a.by("SUPERVISOR").actor, invitationId: inv.invitation.id }), 403);
    await revokeInvitation({ actor: a.by("OWNER").actor, invitationId: inv.invitation.id });
    await revokeInvitation({ actor: a.by("OWNER").actor, invitationId: inv.invitation.id });
    expect(await db().auditEvent.count({ where: { teamId: a.team.id, action: "member.invitation_revoked" } })).toBe(1);

    const address = email();
    const done = await createInvitation({ actor: a.by("ADMIN").actor, email: address, role: "AGENT" });
    await acceptInvitation({ token: done.token, user: await userFor(address) });
    await rejects(revokeInvitation({ actor: a.by("ADMIN").actor, invitationId: done.invitation.id }), 409);
  });
});

describe("sign-up", () => {
  afterEach(() => {
    delete process.env.SIGNUP_ENABLED;
    resetEnvCache();
  });

  it("creates accounts with an argon2id hash when sign-up is on", async () => {
    const address = email();
    await signUp({ email: address, password: "long enough password", name: "New Person" });
    const row = await db().user.findUniqueOrThrow({ where: { email: address } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.name).toBe("New Person");
    // An address that is taken: tests/db/sign-up.test.ts.
  });

  it("when off, only an invitation for that same address opens it", async () => {
    process.env.SIGNUP_ENABLED = "false";
    resetEnvCache();
    const { by } = await team();
    const address = email();
    const { token } = await createInvitation({ actor: by("ADMIN").actor, email: address, role: "AGENT" });
    const e = await rejects(signUp({ email: email(), password: "long enough password", name: "X" }), 403);
    expect(e.message).toMatch(/Sign-up is closed/);
    await rejects(signUp({ email: email(), password: "long enough password", name: "X", inviteToken: token }), 403);
    await rejects(signUp({ email: address, password: "long enough password", name: "X", inviteToken: "bogus" }), 403);
    await signUp({ email: address, password: "long enough password", name: "Invited", inviteToken: token });
    expect(await db().user.count({ where: { email: address, name: "Invited" } })).toBe(1);
    expect(await db().invitation.count({ where: { tokenHash: hashInvitationToken(token), acceptedAt: null } })).toBe(1);
  });
});
