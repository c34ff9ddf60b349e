import { requireTeam } from "@/lib/auth/team-access";
import { json, readJson, route } from "@/lib/http/route";
import { createView } from "@/lib/views/create-view";
import { listViews } from "@/lib/views/list-views";
import { createViewSchema } from "@/lib/views/schema";

const CALL_READERS = ["calls:read:all", "calls:read:assigned"] as const;

// GET: my personal views, the team's views and the defaults.
export const GET = route<{ teamId: string }>(async (_req, { teamId }) => {
  const access = await requireTeam({ teamId }, [...CALL_READERS]);
  return json(await listViews(access));
});

// POST { name, visibility, filters, columns } → 201 with the view.
export const POST = route<{ teamId: string }>(async (req, { teamId }) => {
  const access = await requireTeam({ teamId }, [...CALL_READERS]);
  const body = await readJson(req, createViewSchema);
  return json(await createView(access, body), { status: 201 });
});
