import "server-only";
import type { TeamAccess } from "@/lib/auth/team-access";
import { db } from "@/lib/db";
import { loadVisible } from "./select";

/** Sets (or clears with null) the member's own default view. */
export async function setMyDefaultView(access: TeamAccess, viewId: string | null): Promise<void> {
  if (viewId) await loadVisible(access, viewId);
  await db().teamMemberPreference.upsert({
    where: { teamId_userId: { teamId: access.team.id, userId: access.user.id } },
    create: { teamId: access.team.id, userId: access.user.id, defaultViewId: viewId },
    update: { defaultViewId: viewId },
  });
}
