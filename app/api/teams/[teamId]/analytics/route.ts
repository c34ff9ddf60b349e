import { parseAnalyticsQuery } from "@/lib/analytics/query";
import { runAnalytics } from "@/lib/analytics/run-analytics";
import type { AnalyticsLine } from "@/lib/analytics/types";
import { AppError } from "@/lib/errors";
import { toAppError } from "@/lib/http/to-app-error";
import { searchParamsToObject } from "@/lib/validation/parse";
import { teamRoute } from "@/lib/http/team-route";

// GET /api/teams/{teamId}/analytics?<call filters>[&fresh=1] → application/x-ndjson, one JSON per line:
//   {"type":"progress","fetched":300,"total":1234,"resumesAt":null}  as pages arrive; resumesAt is
//                                                                    set while waiting for the team's budget
//   {"type":"result","result":{data, meta}}                          the last line, or
//   {"type":"error","code","message","retryAfterSeconds"?,"details"?} the last line when it fails
//                                                                    (too many calls: details.reason "too_many_calls")
// What is known before reading (401/403/404, bad filters 400, no usable key 409) is a plain JSON
// error answer with its status, like every other route.
export const GET = teamRoute("analytics:read", async (access, req) => {
  const parsed = parseAnalyticsQuery(searchParamsToObject(req.nextUrl.searchParams), access.team);
  if (!parsed.ok) throw new AppError("BAD_REQUEST", "Some filters are invalid.", { fieldErrors: parsed.fieldErrors });

  const encoder = new TextEncoder();
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
      controller.enqueue(encoder.encode(`${JSON.stringify(l)}\n`));
    } catch {
      open = false;
    }
  };
  const close = () => {
    if (!open) return;
    open = false;
    try {
      controller.close();
    } catch {
      // already closed
    }
  };

  let lastSent = 0;
  let lastWaiting: string | null = null;
  const run = await runAnalytics(access, parsed.selection, {
    fresh: req.nextUrl.searchParams.get("fresh") === "1",
    signal: req.signal,
    onProgress: (p) => {
      // At most ~10 lines a second, but every change of the waiting state at once.
      const now = Date.now();
      if (now - lastSent < 100 && p.resumesAt === lastWaiting && p.fetched < p.total) return;
      lastSent = now;
      lastWaiting = p.resumesAt;
      send({ type: "progress", ...p });
    },
  });

  if (run.kind === "ready") {
    send({ type: "result", result: run.result });
    close();
  } else {
    run.result
      .then(
        (result) => send({ type: "result", result }),
        (error: unknown) => {
          const e = toAppError(error);
          send({ type: "error", code: e.code, message: e.message, ...(e.retryAfterSeconds !== undefined ? { retryAfterSeconds: e.retryAfterSeconds } : {}), ...(e.details ? { details: e.details } : {}) });
        },
      )
      .finally(close);
  }
  return new Response(stream, {
    headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no", "X-Content-Type-Options": "nosniff" },
  });
});
