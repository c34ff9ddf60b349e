import { json, readJson } from "@/lib/http/route";
import { getCallColumns } from "@/lib/preferences/get-call-columns";
import { preferencesInput } from "@/lib/preferences/schema";
import { setCallColumns } from "@/lib/preferences/set-call-columns";
import { teamRoute } from "@/lib/http/team-route";
import { ANY_MEMBER } from "@/lib/rbac";

// The signed-in member's own preferences in a team (any role; they only shape their own view).

/** GET → { columns }: the calls table's visible columns. */
export const GET = teamRoute(ANY_MEMBER, async (access) => {
  return json({ columns: await getCallColumns(access) });
});

/** PUT { columns: ColumnId[] } → { columns }: remembers the calls table's visible columns. */
export const PUT = teamRoute(ANY_MEMBER, async (access, req) => {
  const { columns } = await readJson(req, preferencesInput);
  return json({ columns: await setCallColumns(access, columns) });
});
