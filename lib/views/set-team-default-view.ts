import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TeamAccess } from "@/lib/auth/team-access";
import { db } from "@/lib/db";
import { AppError, forbidden } from "@/lib/errors";
import { loadVisible, type ViewRow } from "./select";

/** Sets (or clears) the team default; needs `views:share` and a team view. */
export async function setTeamDefaultView(access: TeamAccess, viewId: string | null): Promise<void> {
  if (!access.can("views:share")) throw forbidden("Only supervisors and admins can set the team default.");
  let view: ViewRow | null = null;
  if (viewId) {
    view = await loadVisible(access, viewId);
    if (view.visibility !== "TEAM") throw new AppError("BAD_REQUEST", "Share the view with the team before making it the team default.", { fieldErrors: { team: ["Only team views can be the team default."] } });
  }
  await db().$transaction(async (tx) => {
    await tx.team.update({ where: { id: access.team.id }, data: { defaultViewId: viewId } });
    await recordAudit({ teamId: access.team.id, actor: access.user, action: "view.team_default_set", target: { type: "view", id: viewId, label: view?.name ?? "(none)" } }, tx);
  });
}
