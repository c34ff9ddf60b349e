import { json, readJson } from "@/lib/http/route";
import { deleteView } from "@/lib/views/delete-view";
import { getView } from "@/lib/views/get-view";
import { updateViewSchema } from "@/lib/views/schema";
import { updateView } from "@/lib/views/update-view";
import { teamRoute } from "@/lib/http/team-route";
import { CALL_READ_SCOPES } from "@/lib/rbac";

type P = { teamId: string; viewId: string };

export const GET = teamRoute<P>(CALL_READ_SCOPES, async (access, _req, { viewId }) => {
  return json(await getView(access, viewId));
});

// PATCH { version, name?, filters?, columns?, visibility?: "TEAM" } — 409 when `version` is stale.
export const PATCH = teamRoute<P>(CALL_READ_SCOPES, async (access, req, { viewId }) => {
  const body = await readJson(req, updateViewSchema);
  return json(await updateView(access, viewId, body));
});

export const DELETE = teamRoute<P>(CALL_READ_SCOPES, async (access, _req, { viewId }) => {
  await deleteView(access, viewId);
  return new Response(null, { status: 204 });
});
