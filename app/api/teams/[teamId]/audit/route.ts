import { requireTeam } from "@/lib/auth/team-access";
import { json, route } from "@/lib/http/route";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { searchParamsToObject } from "@/lib/validation/parse";

/** The team's audit log: ?action=&member=<userId>&page=&pageSize= (audit:read). */
export const GET = route<{ teamId: string }>(async (req, { teamId }) => {
  const access = await requireTeam({ teamId }, "audit:read");
  return json(await listAuditEvents(access.team.id, searchParamsToObject(req.nextUrl.searchParams)));
});
