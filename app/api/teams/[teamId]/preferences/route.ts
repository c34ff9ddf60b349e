import { requireTeam } from "@/lib/auth/team-access";
import { json, readJson, route } from "@/lib/http/route";
import { getCallColumns } from "@/lib/preferences/get-call-columns";
import { preferencesInput } from "@/lib/preferences/schema";
import { setCallColumns } from "@/lib/preferences/set-call-columns";

// The signed-in member's own preferences in a team (any role; they only shape their own view).

/** GET → { columns }: the calls table's visible columns. */
export const GET = route<{ teamId: string }>(async (_req, { teamId }) => {
  const access = await requireTeam({ teamId });
  return json({ columns: await getCallColumns(access) });
});

/** PUT { columns: ColumnId[] } → { columns }: remembers the calls table's visible columns. */
export const PUT = route<{ teamId: string }>(async (req, { teamId }) => {
  const access = await requireTeam({ teamId });
  const { columns } = await readJson(req, preferencesInput);
  return json({ columns: await setCallColumns(access, columns) });
});
