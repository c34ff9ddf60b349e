// Recordings (public, no auth, no faults): the WAV files with Range support, and a redirect helper.

import { parseRange } from "./audio";
import { isRead, methodNotAllowed, send, sendJson, type Ctx } from "./http";

export function handleRecording(ctx: Ctx) {
  if (ctx.path === "/recordings/redirect") return redirect(ctx);
  const m = /^\/recordings\/calls\/(\d{1,15})\.wav$/.exec(ctx.path);
  if (!m) return sendJson(ctx, 404, { message: "Recording not found" });
  if (!isRead(ctx)) return methodNotAllowed(ctx, ["GET", "HEAD"]);
  return sendWav(ctx, Number(m[1]));
}

/** GET /recordings/redirect?to=…: a 302 to any URL (to test how the portal follows redirects). */
function redirect(ctx: Ctx) {
  if (!isRead(ctx)) return methodNotAllowed(ctx, ["GET", "HEAD"]);
  const to = ctx.query.raw.to;
  if (typeof to !== "string" || to === "") return sendJson(ctx, 400, { message: "Missing query parameter: to" });
  return send(ctx, 302, "", { Location: to, "Content-Type": "text/plain" });
}

/** GET /recordings/calls/:id.wav, whole (200) or a byte range (206, or 416). */
function sendWav(ctx: Ctx, id: number) {
  const found = ctx.sim.store.find(id);
  if (!found || found.call.recording_url === null) return sendJson(ctx, 404, { message: "Recording not found" });
  const wav = ctx.sim.wavs.get(id);
  const size = wav.length;
  const base: Record<string, string> = {
    "Content-Type": "audio/wav",
    "Accept-Ranges": "bytes",
    "Cache-Control": "public, max-age=3600",
    ETag: `"wav-${id}-${size}"`,
    "Access-Control-Allow-Origin": "*",
  };
  const range = parseRange(ctx.req.headers.range, size);
  if (range.kind === "unsatisfiable") {
    return send(ctx, 416, "", { ...base, "Content-Type": "text/plain", "Content-Range": `bytes */${size}` });
  }
  if (range.kind === "partial") {
    return send(ctx, 206, wav.subarray(range.start, range.end + 1), {
      ...base,
      "Content-Range": `bytes ${range.start}-${range.end}/${size}`,
    });
  }
  return send(ctx, 200, wav, base);
}
