import { parseAnalyticsQuery } from "@/lib/analytics/query";
import { runAnalytics } from "@/lib/analytics/run-analytics";
import type { AnalyticsLine } from "@/lib/analytics/types";
import { requireTeam } from "@/lib/auth/team-access";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { toAppError } from "@/lib/http/to-app-error";
import { searchParamsToObject } from "@/lib/validation/parse";

// GET /api/teams/{teamId}/analytics?<call filters>[&fresh=1] → application/x-ndjson:
//   {"type":"progress","fetched":0,"total":1234,"resumesAt":null}   (as pages arrive)
//   {"type":"result","result":{data, meta}}                           (last line)
// or, when reading fails midway, a last line {"type":"error","code","message","retryAfterSeconds"?}.
// Errors known before reading (bad filters, no key, budget spent, too many calls) are plain JSON
// error answers with their HTTP status, like every other route.
export const GET = route<{ teamId: string }>(async (req, { teamId }) => {
  const access = await requireTeam({ teamId }, "analytics:read");
  const parsed = parseAnalyticsQuery(searchParamsToObject(req.nextUrl.searchParams), access.team);
  if (!parsed.ok) throw new AppError("BAD_REQUEST", "Some filters are invalid.", { fieldErrors: parsed.fieldErrors });

  const encoder = new TextEncoder();
  const line = (l: AnalyticsLine) => encoder.encode(`${JSON.stringify(l)}\n`);
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      open = false;
    },
  });
  const send = (l: AnalyticsLine) => {
    if (!open) return;
    try {
      controller.enqueue(line(l));
    } catch {
      open = false;
    }
  };
  let lastSent = 0;
  const run = await runAnalytics(access, parsed.selection, {
    fresh: req.nextUrl.searchParams.get("fresh") === "1",
    signal: req.signal,
    onProgress: (p) => {
      // At most ~10 lines a second; the last one always goes out with the result.
      const now = Date.now();
      if (now - lastSent < 100 && p.fetched < p.total) return;
      lastSent = now;
      send({ type: "progress", ...p });
    },
  });

  if (run.kind === "ready") {
    send({ type: "result", result: run.result });
    controller.close();
  } else {
    run.result.then(
      (result) => send({ type: "result", result }),
      (error: unknown) => {
        const e = toAppError(error);
        send({ type: "error", code: e.code, message: e.message, ...(e.retryAfterSeconds !== undefined ? { retryAfterSeconds: e.retryAfterSeconds } : {}), ...(e.details ? { details: e.details } : {}) });
      },
    ).finally(() => {
      if (open) controller.close();
    });
  }
  return new Response(stream, {
    headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no", "X-Content-Type-Options": "nosniff" },
  });
});
