import { json } from "@/lib/http/route";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { searchParamsToObject } from "@/lib/validation/parse";
import { teamRoute } from "@/lib/http/team-route";

/** The team's audit log: ?action=&member=<userId>&page=&pageSize= (audit:read). */
export const GET = teamRoute("audit:read", async (access, req) => {
  return json(await listAuditEvents(access, searchParamsToObject(req.nextUrl.searchParams)));
});
