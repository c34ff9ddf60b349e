import { listTeamCalls } from "@/lib/calls/list-calls";
import { AppError } from "@/lib/errors";
import { json } from "@/lib/http/route";
import { parseCallFilters } from "@/lib/validation/call-filters";
import { searchParamsToObject } from "@/lib/validation/parse";
import { teamRoute } from "@/lib/http/team-route";
import { CALL_READ_SCOPES } from "@/lib/rbac";

// GET /api/teams/{teamId}/calls?<filters> → { calls, page, perPage, total, lastPage, meta }
export const GET = teamRoute(CALL_READ_SCOPES, async (access, req) => {
  const parsed = parseCallFilters(searchParamsToObject(req.nextUrl.searchParams), access.team);
  if (!parsed.ok) throw new AppError("BAD_REQUEST", "Some filters are invalid.", { fieldErrors: parsed.fieldErrors });
  const fresh = req.nextUrl.searchParams.get("fresh") === "1";
  return json(await listTeamCalls(access, parsed.filters, { signal: req.signal, cache: !fresh }));
});
