import "server-only";
import dns from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { Readable } from "node:stream";
import type { TeamAccess } from "@/lib/auth/team-access";
import { env } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { loadCallInScope } from "./get-call";

// Recordings are streamed through the portal (so the browser never needs WhatTalk's URL and the
// audio element can seek with Range requests). The portal only ever fetches hosts listed in
// WHATTALK_RECORDING_HOSTS: any other URL, a redirect to another host, credentials in the URL, or
// a host name that resolves to a private address is refused (no SSRF into the portal's network).

const PRIVATE = new net.BlockList();
for (const [addr, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24], ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) PRIVATE.addSubnet(addr, prefix, "ipv4");
for (const [addr, prefix] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["64:ff9b::", 96], ["2001:db8::", 32]] as const) PRIVATE.addSubnet(addr, prefix, "ipv6");

export function isPrivateAddress(ip: string): boolean {
  const family = net.isIP(ip);
  if (family === 4) return PRIVATE.check(ip, "ipv4");
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
    if (mapped) return PRIVATE.check(mapped[1], "ipv4");
    return PRIVATE.check(ip, "ipv6");
  }
  return true;
}

export class RecordingRefused extends Error {}

type Target = { url: URL; address: string; family: 4 | 6 };

/** Checks a recording URL against the allowed hosts and resolves it to a permitted address. */
export async function checkRecordingUrl(raw: string, allowed: string[] = env().WHATTALK_RECORDING_HOSTS): Promise<Target> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RecordingRefused("not a URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new RecordingRefused("scheme not allowed");
  if (url.username || url.password) throw new RecordingRefused("credentials in URL");
  const hostname = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const entry = allowed
    .map((a) => a.trim().toLowerCase())
    .find((a) => (a.includes(":") && !a.startsWith("[") && net.isIP(a) !== 6 ? a === url.host.toLowerCase() : a === hostname && url.port === ""));
  if (!entry) throw new RecordingRefused("host not allowed");
  const literal = net.isIP(hostname);
  if (literal) {
    // A literal address is allowed only because an operator listed it explicitly (e.g. the demo's simulator).
    return { url, address: hostname, family: literal as 4 | 6 };
  }
  let addresses: { address: string; family: number }[];
  try {
    addresses = await dns.lookup(hostname, { all: true, verbatim: true });
  } catch {
    throw new AppError("UPSTREAM_ERROR", "The recording's host could not be found.");
  }
  if (!addresses.length || addresses.some((a) => isPrivateAddress(a.address))) throw new RecordingRefused("resolves to a private address");
  return { url, address: addresses[0].address, family: addresses[0].family as 4 | 6 };
}

type UpstreamAnswer = { status: number; headers: http.IncomingHttpHeaders; body: http.IncomingMessage };

function request(target: Target, range: string | null, signal: AbortSignal | undefined): Promise<UpstreamAnswer> {
  return new Promise((resolve, reject) => {
    const mod = target.url.protocol === "https:" ? https : http;
    const req = mod.request(
      target.url,
      {
        method: "GET",
        headers: { Accept: "audio/*, application/octet-stream;q=0.5", ...(range ? { Range: range } : {}) },
        // Pin the connection to the address that was checked (no DNS rebinding between check and connect).
        lookup: (_host, _opts, cb) => cb(null, target.address, target.family),
        timeout: env().WHATTALK_TIMEOUT_MS,
        signal,
      },
      (res) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: res }),
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end();
  });
}

const RANGE = /^bytes=(\d*)-(\d*)$/;
const PASS_HEADERS = ["content-length", "content-range", "accept-ranges", "last-modified", "etag"] as const;
const EXTENSION_TYPES: Record<string, string> = { mp3: "audio/mpeg", wav: "audio/wav", ogg: "audio/ogg", m4a: "audio/mp4", webm: "audio/webm" };

/** Streams a call's recording (with Range support) if the member may see the call. */
export async function streamRecording(access: TeamAccess, callId: number, rangeHeader: string | null, signal?: AbortSignal): Promise<Response> {
  const call = await loadCallInScope(access, callId, { signal });
  if (!call.recording_url) throw notFound("This call has no recording yet.");
  const range = rangeHeader && RANGE.test(rangeHeader.trim()) ? rangeHeader.trim() : null;
  const refused = () => new AppError("UPSTREAM_ERROR", "The recording is stored somewhere the portal is not allowed to fetch from. Ask your admin to check the allowed recording hosts.", { details: { reason: "recording_host_refused" } });

  let target: Target;
  try {
    target = await checkRecordingUrl(call.recording_url);
  } catch (error) {
    if (error instanceof RecordingRefused) {
      logger.warn({ teamId: access.team.id, callId, reason: error.message }, "recording URL refused");
      throw refused();
    }
    throw error;
  }

  let answer: UpstreamAnswer | undefined;
  for (let hop = 0; hop < 4; hop++) {
    try {
      answer = await request(target, range, signal);
    } catch (error) {
      if ((error as Error).message === "timeout") throw new AppError("UPSTREAM_TIMEOUT", "The recording did not arrive in time. Try again.");
      throw new AppError("UPSTREAM_ERROR", "The recording could not be fetched. Try again shortly.");
    }
    if (answer.status >= 300 && answer.status < 400 && answer.headers.location) {
      answer.body.resume();
      const next = new URL(answer.headers.location, target.url);
      if (next.host !== target.url.host || next.protocol !== target.url.protocol) {
        logger.warn({ teamId: access.team.id, callId }, "recording redirect to another host refused");
        throw refused();
      }
      try {
        target = await checkRecordingUrl(next.toString());
      } catch (error) {
        if (error instanceof RecordingRefused) throw refused();
        throw error;
      }
      continue;
    }
    break;
  }
  if (!answer || (answer.status >= 300 && answer.status < 400)) throw new AppError("UPSTREAM_ERROR", "The recording could not be fetched (too many redirects).");
  if (answer.status === 404) {
    answer.body.resume();
    throw notFound("The recording is not available (yet).");
  }
  if (![200, 206, 416].includes(answer.status)) {
    answer.body.resume();
    throw new AppError("UPSTREAM_ERROR", "The recording could not be fetched. Try again shortly.");
  }

  if (answer.status === 416) {
    // The range asked for lies outside the file: say so, with the size, so the player can recover.
    answer.body.resume();
    const size = typeof answer.headers["content-range"] === "string" ? answer.headers["content-range"] : "bytes */*";
    return new Response(null, { status: 416, headers: { "Content-Range": size, "Accept-Ranges": "bytes", "Cache-Control": "no-store" } });
  }
  const upstreamType = String(answer.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  const ext = target.url.pathname.split(".").pop()?.toLowerCase() ?? "";
  const contentType = upstreamType.startsWith("audio/") ? upstreamType : (EXTENSION_TYPES[ext] ?? "audio/mpeg");
  if (upstreamType && !upstreamType.startsWith("audio/") && !upstreamType.includes("octet-stream")) {
    answer.body.resume();
    throw new AppError("UPSTREAM_ERROR", "The recording's host did not send audio.");
  }
  const headers = new Headers({
    "Content-Type": contentType,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Content-Disposition": `inline; filename="call-${callId}.${EXTENSION_TYPES[ext] ? ext : "mp3"}"`,
  });
  for (const h of PASS_HEADERS) {
    const v = answer.headers[h];
    if (typeof v === "string") headers.set(h, v);
  }
  if (!headers.has("accept-ranges")) headers.set("Accept-Ranges", "bytes");
  return new Response(Readable.toWeb(answer.body) as ReadableStream<Uint8Array>, { status: answer.status, headers });
}
