import { requireTeam } from "@/lib/auth/team-access";
import { json, readJson, route } from "@/lib/http/route";
import { deleteView } from "@/lib/views/delete-view";
import { getView } from "@/lib/views/get-view";
import { updateViewSchema } from "@/lib/views/schema";
import { updateView } from "@/lib/views/update-view";

const CALL_READERS = ["calls:read:all", "calls:read:assigned"] as const;
type P = { teamId: string; viewId: string };

export const GET = route<P>(async (_req, { teamId, viewId }) => {
  const access = await requireTeam({ teamId }, [...CALL_READERS]);
  return json(await getView(access, viewId));
});

// PATCH { version, name?, filters?, columns?, visibility?: "TEAM" } — 409 when `version` is stale.
export const PATCH = route<P>(async (req, { teamId, viewId }) => {
  const access = await requireTeam({ teamId }, [...CALL_READERS]);
  const body = await readJson(req, updateViewSchema);
  return json(await updateView(access, viewId, body));
});

export const DELETE = route<P>(async (_req, { teamId, viewId }) => {
  const access = await requireTeam({ teamId }, [...CALL_READERS]);
  await deleteView(access, viewId);
  return new Response(null, { status: 204 });
});
