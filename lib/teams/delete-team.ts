import "server-only";
import { db } from "@/lib/db";
import { badRequest } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { lockAndCheck, auditActorOf, type TeamActor } from "@/lib/auth/team-actor";

/**
 * Deletes a team and everything in it (team:delete, owners only) except its audit log, which is
 * detached and purged AUDIT_RETENTION_DAYS later (lib/audit/purge.ts). The caller must repeat the
 * team's address as confirmation. The deletion itself is the log's last row.
 */
export async function deleteTeam(input: { actor: TeamActor; confirmSlug: string }): Promise<void> {
  const teamId = input.actor.teamId;
  await db().$transaction(async (tx) => {
    await lockAndCheck(tx, input.actor, "team:delete");
    const team = await tx.team.findUniqueOrThrow({ where: { id: teamId }, select: { id: true, name: true, slug: true, _count: { select: { memberships: true } } } });
    if (input.confirmSlug.trim().toLowerCase() !== team.slug) {
      const message = `Type the team's address (${team.slug}) to confirm.`;
      throw badRequest(message, { confirmSlug: [message] });
    }
    await recordAudit(
      { teamId, actor: auditActorOf(input.actor), action: "team.deleted", target: { type: "team", id: team.id, label: team.name }, data: { slug: team.slug, members: team._count.memberships } },
      tx,
    );
    // The rows keep the team's id, slug and name; the foreign key's ON DELETE SET NULL detaches them.
    await tx.auditEvent.updateMany({ where: { teamId }, data: { detachedAt: new Date() } });
    await tx.team.delete({ where: { id: teamId } });
  });
}
