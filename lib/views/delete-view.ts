import "server-only";
import type { TeamAccess } from "@/lib/auth/team-access";
import { db } from "@/lib/db";
import { assertCanEdit, auditTeamView } from "./rules";
import { loadVisible } from "./select";

/** Deletes a view the member may change; defaults pointing at it fall back (the member's, the team's, none). */
export async function deleteView(access: TeamAccess, viewId: string): Promise<void> {
  const current = await loadVisible(access, viewId);
  assertCanEdit(access, current);
  await db().$transaction(async (tx) => {
    // Defaults pointing at it fall back (user → team → none) through ON DELETE SET NULL.
    await tx.savedView.delete({ where: { id: viewId } });
    if (current.visibility === "TEAM") await auditTeamView(access, "view.deleted", current, undefined, tx);
  });
}
