import { memberActor } from "@/lib/auth/team-actor";
import { requestIndexRebuild } from "@/lib/call-index/request-index-rebuild";
import { getIndexStatus } from "@/lib/call-index/status";
import { json } from "@/lib/http/route";
import { teamRoute } from "@/lib/http/team-route";

/** Asks for a rebuild (team:settings): the sync's next run deletes the index and backfills again. */
export const POST = teamRoute("team:settings", async (access) => {
  await requestIndexRebuild(memberActor(access));
  return json({ status: await getIndexStatus(access) });
});
