import { requireTeam } from "@/lib/auth/team-access";
import { listTeamCalls } from "@/lib/calls/list-calls";
import { AppError } from "@/lib/errors";
import { json, route } from "@/lib/http/route";
import { parseCallFilters } from "@/lib/validation/call-filters";
import { searchParamsToObject } from "@/lib/validation/parse";

// GET /api/teams/{teamId}/calls?<filters> → { calls, page, perPage, total, lastPage, meta }
export const GET = route<{ teamId: string }>(async (req, { teamId }) => {
  const access = await requireTeam({ teamId }, ["calls:read:all", "calls:read:assigned"]);
  const parsed = parseCallFilters(searchParamsToObject(req.nextUrl.searchParams), access.team);
  if (!parsed.ok) throw new AppError("BAD_REQUEST", "Some filters are invalid.", { fieldErrors: parsed.fieldErrors });
  const fresh = req.nextUrl.searchParams.get("fresh") === "1";
  return json(await listTeamCalls(access, parsed.filters, { signal: req.signal, cache: !fresh }));
});
