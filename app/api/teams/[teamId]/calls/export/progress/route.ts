import { notFound } from "@/lib/errors";
import { readExportProgress } from "@/lib/export/progress";
import { json } from "@/lib/http/route";
import { teamRoute } from "@/lib/http/team-route";

// GET /api/teams/{teamId}/calls/export/progress?id=<X-Export-Id> → { state, rows, total, resumesAt, message }
// Only for the member who started the export; 404 otherwise (or when it ran on another instance).
export const GET = teamRoute("calls:export", async (access, req) => {
  const id = req.nextUrl.searchParams.get("id") ?? "";
  const p = /^[0-9a-f-]{36}$/.test(id) ? readExportProgress(access, id) : null;
  if (!p) throw notFound("No such export.");
  return json({ state: p.state, rows: p.rows, total: p.total, resumesAt: p.resumesAt, message: p.message });
});
