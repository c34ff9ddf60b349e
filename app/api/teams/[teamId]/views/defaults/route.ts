import { z } from "zod";
import { json, readJson } from "@/lib/http/route";
import { listViews } from "@/lib/views/list-views";
import { setMyDefaultView } from "@/lib/views/set-my-default-view";
import { setTeamDefaultView } from "@/lib/views/set-team-default-view";
import { teamRoute } from "@/lib/http/team-route";
import { CALL_READ_SCOPES } from "@/lib/rbac";

const body = z
  .object({
    /** My default view id, or null to clear. */
    user: z.string().min(1).max(64).nullable().optional(),
    /** The team default view id (views:share), or null to clear. */
    team: z.string().min(1).max(64).nullable().optional(),
  })
  .refine((b) => b.user !== undefined || b.team !== undefined, { message: "Say which default to change." });

// PUT { user?: viewId|null, team?: viewId|null } → the defaults now in force.
export const PUT = teamRoute(CALL_READ_SCOPES, async (access, req) => {
  const input = await readJson(req, body);
  if (input.team !== undefined) await setTeamDefaultView(access, input.team);
  if (input.user !== undefined) await setMyDefaultView(access, input.user);
  return json((await listViews(access)).defaults);
});
