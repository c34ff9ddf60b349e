import { z } from "zod";
import { memberActor } from "@/lib/auth/team-actor";
import { setIndexRetention } from "@/lib/call-index/set-index-retention";
import { getIndexStatus } from "@/lib/call-index/status";
import { json, readJson } from "@/lib/http/route";
import { teamRoute } from "@/lib/http/team-route";

/** Sets the retention: { retentionDays: 1–3650 | null } (team:settings); null turns the index off and deletes it. */
export const PUT = teamRoute("team:settings", async (access, req) => {
  const body = await readJson(req, z.object({ retentionDays: z.unknown() }));
  const result = await setIndexRetention(memberActor(access), { retentionDays: body.retentionDays });
  return json({ ...result, status: await getIndexStatus(access) });
});
