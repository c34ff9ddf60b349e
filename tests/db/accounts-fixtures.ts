// Seeding for the accounts db tests, through the services themselves.
import crypto from "node:crypto";
import { db } from "@/lib/db";
import type { Role } from "@/lib/rbac";
import { addMember } from "@/lib/members/add-member";
import { createTeam } from "@/lib/teams/create-team";
import { operatorActor, type TeamActor } from "@/lib/auth/team-actor";
import { createUser } from "@/lib/users/create-user";

export const PASSWORD = "correct horse battery staple";
export const uniq = (p = "x") => `${p}${crypto.randomBytes(4).toString("hex")}`;

export async function user(name = uniq("user")) {
  return createUser({ email: `${name}@example.test`, password: PASSWORD, name });
}

export type Member = { userId: string; email: string; membershipId: string; role: Role; actor: TeamActor };

/** A team with one member per role given (the first must be OWNER: the creator). */
export async function team(roles: Role[] = ["OWNER", "ADMIN", "SUPERVISOR", "AGENT"]) {
  const [first, ...rest] = roles;
  if (first !== "OWNER") throw new Error("the first member creates the team and is its owner");
  const owner = await user();
  const t = await createTeam({ ownerUserId: owner.id, name: `Team ${uniq()}`, slug: uniq("team-") });
  const members: Member[] = [await asMember(t.id, owner.id)];
  for (const role of rest) {
    const u = await user();
    await addMember({ actor: operatorActor(t.id), userId: u.id, role });
    members.push(await asMember(t.id, u.id));
  }
  const by = (role: Role, n = 0) => members.filter((m) => m.role === role)[n];
  return { team: t, members, by };
}

export async function asMember(teamId: string, userId: string): Promise<Member> {
  const m = await db().membership.findUniqueOrThrow({ where: { teamId_userId: { teamId, userId } }, select: { id: true, role: true, user: { select: { email: true } } } });
  return {
    userId,
    email: m.user.email,
    membershipId: m.id,
    role: m.role as Role,
    actor: { kind: "member", teamId, userId, email: m.user.email, membershipId: m.id },
  };
}

export async function sessionVersion(userId: string) {
  return (await db().user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } })).sessionVersion;
}

export async function roleOf(membershipId: string) {
  return (await db().membership.findUnique({ where: { id: membershipId }, select: { role: true } }))?.role ?? null;
}

/** Expects the promise to reject with an AppError of this status; returns the error. */
export async function rejects(p: Promise<unknown>, status: number): Promise<{ status: number; message: string; code: string; details?: Record<string, unknown> }> {
  try {
    await p;
  } catch (error) {
    const e = error as { status?: number; message: string; code: string; details?: Record<string, unknown> };
    if (e.status !== status) throw new Error(`expected HTTP ${status}, got ${e.status} (${e.message})`);
    return e as { status: number; message: string; code: string };
  }
  throw new Error(`expected a rejection with HTTP ${status}, but it resolved`);
}
