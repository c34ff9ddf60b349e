import { json, readJson } from "@/lib/http/route";
import { createView } from "@/lib/views/create-view";
import { listViews } from "@/lib/views/list-views";
import { createViewSchema } from "@/lib/views/schema";
import { teamRoute } from "@/lib/http/team-route";
import { CALL_READ_SCOPES } from "@/lib/rbac";

// GET: my personal views, the team's views and the defaults.
export const GET = teamRoute(CALL_READ_SCOPES, async (access) => {
  return json(await listViews(access));
});

// POST { name, visibility, filters, columns } → 201 with the view.
export const POST = teamRoute(CALL_READ_SCOPES, async (access, req) => {
  const body = await readJson(req, createViewSchema);
  return json(await createView(access, body), { status: 201 });
});
