import "server-only";
import { db } from "@/lib/db";
import { badRequest } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { actorRole, auditActorOf, lockTeam, type TeamActor } from "@/lib/teams/team-actor";

/**
 * Deletes a team and everything in it (team:delete, owners only). The caller must repeat the team's
 * address as confirmation. The deletion itself is recorded without a team (the team's own log goes
 * with it).
 */
export async function deleteTeam(input: { actor: TeamActor; confirmSlug: string }): Promise<void> {
  const teamId = input.actor.teamId;
  await db().$transaction(async (tx) => {
    await lockTeam(tx, teamId);
    await actorRole(tx, input.actor, "team:delete");
    const team = await tx.team.findUniqueOrThrow({ where: { id: teamId }, select: { id: true, name: true, slug: true, _count: { select: { memberships: true } } } });
    if (input.confirmSlug.trim().toLowerCase() !== team.slug) {
      const message = `Type the team's address (${team.slug}) to confirm.`;
      throw badRequest(message, { confirmSlug: [message] });
    }
    await tx.team.delete({ where: { id: teamId } });
    await recordAudit(
      { teamId: null, actor: auditActorOf(input.actor), action: "team.deleted", target: { type: "team", id: team.id, label: team.name }, data: { slug: team.slug, members: team._count.memberships } },
      tx,
    );
  });
}
