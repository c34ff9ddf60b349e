import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";
import type { Role, ScopeRule } from "@/lib/rbac";
import { assertScope, type TeamAccess } from "@/lib/auth/team-access";

/**
 * Who performs a team action. Route handlers pass the signed-in member (from `requireTeam`); the
 * admin CLI passes an operator, who has a shell on the server and the database URL already, and
 * acts with an owner's authority but no membership of its own.
 */
export type TeamActor =
  | { kind: "member"; teamId: string; userId: string; email: string; membershipId: string }
  | { kind: "operator"; teamId: string; label: string };

export function memberActor(access: Pick<TeamAccess, "team" | "user" | "membershipId">): TeamActor {
  return { kind: "member", teamId: access.team.id, userId: access.user.id, email: access.user.email, membershipId: access.membershipId };
}

export type OperatorActor = Extract<TeamActor, { kind: "operator" }>;

/** Who reads a team's data: a member's checked access, or an operator (the CLI, the seed, tests). */
export type TeamReader = TeamAccess | OperatorActor;

/** The id of the team a service reads, once the reader holds `rule` (403 otherwise; operators act as owners). */
export function assertTeamScope(who: TeamReader, rule: ScopeRule): string {
  if ("kind" in who) return who.teamId;
  assertScope(who, rule);
  return who.team.id;
}

/** The operator of a team (built from its id: the CLI and the seed name a team by id or slug). */
export function operatorActor(teamId: string, label = "cli"): OperatorActor {
  return { kind: "operator", teamId, label };
}

/** A reader or an actor as the actor who acts for it: a member's access becomes their member actor. */
export function actorOf(who: TeamReader | TeamActor): TeamActor {
  return "kind" in who ? who : memberActor(who);
}

/** The actor as the audit log records it (operators by label, without a user id). */
export function auditActorOf(actor: TeamActor): { id: string | null; email: string } {
  return actor.kind === "member" ? { id: actor.userId, email: actor.email } : { id: null, email: `operator:${actor.label}` };
}

export type ActorRole = { role: Role; membershipId: string | null };

/**
 * Locks the team row for the rest of the transaction, so that membership changes of one team run
 * one at a time (two owners demoting each other at once cannot leave the team without an owner).
 * 404 when the team is gone.
 */
export async function lockTeam(tx: Prisma.TransactionClient, teamId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Team" WHERE id = ${teamId} FOR UPDATE`;
  if (rows.length === 0) throw notFound("Team not found.");
}

/**
 * Re-reads the actor's role inside the transaction (after `lockTeam`), so a decision is made on the
 * role as it is now, not as it was when the request started. 404 when no longer a member, 403 when
 * the role lacks every scope asked for.
 */
export async function actorRole(tx: Prisma.TransactionClient, actor: TeamActor, scope?: ScopeRule): Promise<ActorRole> {
  let current: ActorRole;
  if (actor.kind === "operator") {
    current = { role: "OWNER", membershipId: null };
  } else {
    const m = await tx.membership.findFirst({ where: { id: actor.membershipId, teamId: actor.teamId, userId: actor.userId }, select: { id: true, role: true } });
    if (!m) throw notFound("Team not found.");
    current = { role: m.role as Role, membershipId: m.id };
  }
  if (scope) assertScope(current, scope);
  return current;
}

/** `lockTeam` then `actorRole`: the re-check a mutation starts its transaction with. */
export async function lockAndCheck(tx: Prisma.TransactionClient, actor: TeamActor, scope?: ScopeRule): Promise<ActorRole> {
  await lockTeam(tx, actor.teamId);
  return actorRole(tx, actor, scope);
}
