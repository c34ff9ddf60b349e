import { z } from "zod";
import { memberActor } from "@/lib/auth/team-actor";
import { setIndexPaused } from "@/lib/call-index/set-index-paused";
import { getIndexStatus } from "@/lib/call-index/status";
import { json, readJson } from "@/lib/http/route";
import { teamRoute } from "@/lib/http/team-route";
import { INDEX_STATUS_SCOPES } from "@/lib/rbac";

/** The search index's state (owners, admins, supervisors). */
export const GET = teamRoute(INDEX_STATUS_SCOPES, async (access) => json({ status: await getIndexStatus(access) }));

/** Pauses or resumes the sync: { paused } (team:settings). */
export const PATCH = teamRoute("team:settings", async (access, req) => {
  const { paused } = await readJson(req, z.object({ paused: z.boolean({ message: "Say true to pause or false to resume." }) }));
  const { changed } = await setIndexPaused(memberActor(access), paused);
  return json({ changed, status: await getIndexStatus(access) });
});
