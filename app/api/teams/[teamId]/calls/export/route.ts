import { AppError } from "@/lib/errors";
import { parseExportColumns } from "@/lib/export/columns";
import { startCallsExport } from "@/lib/export/export-calls";
import { parseCallFilters, selectionOf } from "@/lib/validation/call-filters";
import { searchParamsToObject } from "@/lib/validation/parse";
import { teamRoute } from "@/lib/http/team-route";

// GET /api/teams/{teamId}/calls/export?<filters>&columns=time,status,... → text/csv (UTF-8 with BOM),
// every matching call newest first. Headers: X-Export-Total (matching calls at the start),
// X-Export-Id (for .../export/progress), X-Export-Source (index | live) and, from the index,
// X-Export-As-Of (its last sync, ISO). A failure after the start ends the file with a
// `# EXPORT INCOMPLETE: ...` line (see lib/export/export-calls.ts).
export const GET = teamRoute("calls:export", async (access, req) => {
  const params = req.nextUrl.searchParams;
  const parsed = parseCallFilters(searchParamsToObject(params), access.team);
  if (!parsed.ok) throw new AppError("BAD_REQUEST", "Some filters are invalid.", { fieldErrors: parsed.fieldErrors });
  const columns = parseExportColumns(params.getAll("columns"), { costs: access.can("calls:costs") });
  if (!columns.ok) throw new AppError("BAD_REQUEST", "Unknown export columns.", { fieldErrors: { columns: [`Unknown column: ${columns.unknown.join(", ")}.`] } });

  const exp = await startCallsExport(access, selectionOf(parsed.filters), columns.columns, { signal: req.signal });
  return new Response(exp.stream, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exp.filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "X-Accel-Buffering": "no",
      "X-Export-Total": String(exp.total),
      "X-Export-Id": exp.id,
      "X-Export-Source": exp.source.source,
      ...(exp.source.source === "index" ? { "X-Export-As-Of": exp.source.asOf } : {}),
    },
  });
});
