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
import { effectivePort, type RecordingHost, type RecordingPin } from "@/lib/recording-hosts";
import { loadCallInScope } from "./get-call";

// Recordings are streamed through the portal (so the browser never needs WhatTalk's URL and the
// audio element can seek with Range requests). Only origins listed in WHATTALK_RECORDING_HOSTS are
// fetched (https unless an entry names http://), each connection pinned to the address checked.

// IPv4: IANA's special-purpose ranges that are not globally reachable (and multicast, reserved).
const PRIVATE_V4 = new net.BlockList();
for (const [addr, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12], ["192.0.0.0", 24], ["192.0.2.0", 24],
  ["192.88.99.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24], ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) PRIVATE_V4.addSubnet(addr, prefix, "ipv4");
// IPv6: only global unicast (2000::/3) is reachable, less IANA's special ranges inside it. The rest
// are listed too, so the table reads whole: IPv4-compatible, NAT64 (both), discard, dummy, ULA,
// link-local, site-local, SRv6, multicast. IPv4-mapped addresses are judged by their IPv4 address.
const MAPPED = new net.BlockList();
MAPPED.addSubnet("::ffff:0:0", 96, "ipv6");
const GLOBAL_UNICAST = new net.BlockList();
GLOBAL_UNICAST.addSubnet("2000::", 3, "ipv6");
const PRIVATE_V6 = new net.BlockList();
for (const [addr, prefix] of [
  ["::", 96], ["64:ff9b::", 96], ["64:ff9b:1::", 48], ["100::", 64], ["100:0:0:1::", 64], ["2001::", 23], ["2001:db8::", 32], ["2002::", 16], ["3fff::", 20],
  ["5f00::", 16], ["fc00::", 7], ["fe80::", 10], ["fec0::", 10], ["ff00::", 8],
] as const) PRIVATE_V6.addSubnet(addr, prefix, "ipv6");

/** True for an address the portal must never connect to on a DNS answer's word (and for anything not an address). */
export function isPrivateAddress(ip: string): boolean {
  const family = net.isIP(ip);
  if (family === 4) return PRIVATE_V4.check(ip, "ipv4");
  if (family !== 6 || ip.includes("%")) return true;
  // BlockList matches IPv4 rules against IPv4-mapped IPv6 addresses in any spelling (::ffff:7f00:1).
  if (MAPPED.check(ip, "ipv6")) return PRIVATE_V4.check(ip, "ipv6");
  return !GLOBAL_UNICAST.check(ip, "ipv6") || PRIVATE_V6.check(ip, "ipv6");
}

export class RecordingRefused extends Error {}

export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;
const systemResolver: Resolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

export type RecordingSources = { hosts?: readonly RecordingHost[]; pins?: readonly RecordingPin[]; resolve?: Resolver };
type Target = { url: URL; address: string; family: 4 | 6 };

/**
 * Checks a recording URL against the allowed hosts and resolves it to a permitted address: a listed
 * literal address or an operator's pin as it is, a host name through `resolve` (DNS) only when every
 * address it answers is public.
 */
export async function checkRecordingUrl(raw: string, sources: RecordingSources = {}): Promise<Target> {
  const { hosts = env().WHATTALK_RECORDING_HOSTS, pins = env().WHATTALK_RECORDING_RESOLVE, resolve = systemResolver } = sources;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RecordingRefused("not a URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new RecordingRefused("scheme not allowed");
  if (url.username || url.password) throw new RecordingRefused("credentials in URL");
  if (!hosts.some((h) => h.protocol === url.protocol && h.host === url.host)) {
    throw new RecordingRefused(url.protocol === "http:" && hosts.some((h) => h.host === url.host) ? "plain http not allowed for this host" : "host not allowed");
  }
  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  const literal = net.isIP(hostname);
  // A literal address or a pin is the operator's explicit choice (e.g. the demo's simulator): no DNS, no address rule.
  if (literal) return { url, address: hostname, family: literal as 4 | 6 };
  const pin = pins.find((p) => p.hostname === hostname && p.port === effectivePort(url));
  if (pin) return { url, address: pin.address, family: pin.family };
  let addresses: { address: string; family: number }[];
  try {
    addresses = await resolve(hostname);
  } catch {
    throw new AppError("UPSTREAM_ERROR", "The recording's host could not be found.");
  }
  if (!addresses.length || addresses.some((a) => isPrivateAddress(a.address))) throw new RecordingRefused("resolves to a private address");
  return { url, address: addresses[0].address, family: addresses[0].family === 6 ? 6 : 4 };
}

/**
 * A `lookup` that answers only the checked address (no DNS rebinding between check and connect), in
 * both forms Node asks: `all: true` (autoSelectFamily, Node 20+'s default) wants a list.
 */
export function pinnedLookup(address: string, family: 4 | 6): net.LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
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
        lookup: pinnedLookup(target.address, target.family),
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

/**
 * GETs a recording URL (following same-origin redirects, each checked again), connecting only to
 * checked addresses. Throws RecordingRefused for a URL or redirect the rules refuse.
 */
export async function fetchRecording(
  raw: string,
  range: string | null,
  options: RecordingSources & { signal?: AbortSignal; logFields?: Record<string, unknown> } = {},
): Promise<UpstreamAnswer & { url: URL }> {
  let target = await checkRecordingUrl(raw, options);
  for (let hop = 0; hop < 4; hop++) {
    let answer: UpstreamAnswer;
    try {
      answer = await request(target, range, options.signal);
    } catch (error) {
      if (!options.signal?.aborted) logger.warn({ ...options.logFields, code: (error as NodeJS.ErrnoException).code ?? (error as Error).message }, "recording request failed");
      if ((error as Error).message === "timeout") throw new AppError("UPSTREAM_TIMEOUT", "The recording did not arrive in time. Try again.");
      throw new AppError("UPSTREAM_ERROR", "The recording could not be fetched. Try again shortly.");
    }
    if (answer.status < 300 || answer.status >= 400 || !answer.headers.location) return { ...answer, url: target.url };
    answer.body.resume();
    const next = new URL(answer.headers.location, target.url);
    if (next.host !== target.url.host || next.protocol !== target.url.protocol) throw new RecordingRefused("redirect to another host");
    target = await checkRecordingUrl(next.toString(), options);
  }
  throw new AppError("UPSTREAM_ERROR", "The recording could not be fetched (too many redirects).");
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

  let answer: Awaited<ReturnType<typeof fetchRecording>>;
  try {
    answer = await fetchRecording(call.recording_url, range, { signal, logFields: { teamId: access.team.id, callId } });
  } catch (error) {
    if (error instanceof RecordingRefused) {
      logger.warn({ teamId: access.team.id, callId, reason: error.message }, error.message === "redirect to another host" ? "recording redirect to another host refused" : "recording URL refused");
      throw refused();
    }
    throw error;
  }
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
  const ext = answer.url.pathname.split(".").pop()?.toLowerCase() ?? "";
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
