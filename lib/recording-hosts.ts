// The two recording settings, parsed once by lib/env.ts: WHATTALK_RECORDING_HOSTS (where recordings
// may come from; https unless an entry names http://) and WHATTALK_RECORDING_RESOLVE (curl-style
// `host:port:address` pins). Each bad entry is named in one readable message.
import net from "node:net";
import { z } from "zod";

/** An allowed origin: `host` is WHATWG URL's `host` (lower case, IPv6 in brackets, default port left out). */
export type RecordingHost = { protocol: "https:" | "http:"; host: string };
/** An operator's pin of a host name and port to one address (no DNS asked for it). */
export type RecordingPin = { hostname: string; port: number; address: string; family: 4 | 6 };

const LABEL = "[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?";
const HOST_NAME = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*$`);

/** The port a URL connects to (its default when none is written). */
export function effectivePort(url: URL): number {
  return Number(url.port || (url.protocol === "https:" ? 443 : 80));
}

function parseHost(entry: string): RecordingHost | string {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(entry);
  if (scheme && !/^https?$/i.test(scheme[1])) return "must use https:// or http://";
  const protocol = scheme ? (`${scheme[1].toLowerCase()}:` as RecordingHost["protocol"]) : "https:";
  const rest = scheme ? entry.slice(scheme[0].length) : entry;
  if (!rest.startsWith("[") && (rest.match(/:/g) ?? []).length > 1) return "must write an IPv6 address in brackets, like [::1]:4010";
  if (!/^[^/?#@\\\s]+$/.test(rest)) return "must be host, host:port or [IPv6]:port, optionally after https:// or http://, with nothing after the port";
  let url: URL;
  try {
    url = new URL(`${protocol}//${rest}`);
  } catch {
    return "must be host, host:port or [IPv6]:port (port 1 to 65535)";
  }
  const hostname = url.hostname;
  if (!hostname.startsWith("[") && !net.isIP(hostname) && !HOST_NAME.test(hostname)) return "is not a host name (no wildcards)";
  if (url.port === "0") return "must have a port from 1 to 65535";
  return { protocol, host: url.host };
}

function parsePin(entry: string): RecordingPin | string {
  const m = /^([^:[\]\s]+):(\d{1,5}):(.+)$/.exec(entry);
  if (!m) return "must be host:port:address, like recordings.example.com:443:203.0.113.7";
  let hostname: string;
  try {
    hostname = new URL(`https://${m[1]}`).hostname;
  } catch {
    return "must start with a host name";
  }
  if (net.isIP(hostname)) return "pins a literal address, which needs no pin";
  if (!HOST_NAME.test(hostname)) return "must start with a host name (no wildcards)";
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return "must have a port from 1 to 65535";
  const address = m[3].replace(/^\[(.*)\]$/, "$1");
  const family = net.isIP(address);
  if (!family || address.includes("%")) return "must end with an IPv4 address or an IPv6 address in brackets";
  return { hostname, port, address: family === 6 ? new URL(`http://[${address}]`).hostname.slice(1, -1) : address, family: family as 4 | 6 };
}

/** A comma-separated list whose entries are parsed by `parse` (a string is the reason an entry is refused). */
function entryList<T>(parse: (entry: string) => T | string) {
  return z.string().transform((value, ctx) => {
    const out: T[] = [];
    for (const entry of value.split(",").map((s) => s.trim()).filter(Boolean)) {
      const parsed = parse(entry);
      if (typeof parsed === "string") ctx.addIssue({ code: "custom", message: `entry ${JSON.stringify(entry)} ${parsed}` });
      else out.push(parsed);
    }
    return out;
  });
}

export const recordingHostsSchema = entryList(parseHost);
export const recordingPinsSchema = entryList(parsePin).superRefine((pins, ctx) => {
  const seen = new Set<string>();
  for (const p of pins) {
    const key = `${p.hostname}:${p.port}`;
    if (seen.has(key)) ctx.addIssue({ code: "custom", message: `pins ${key} twice` });
    seen.add(key);
  }
});

/** The allowed hosts a pin serves (a pin for no allowed host is a configuration mistake). */
export function pinIsForAllowedHost(pin: RecordingPin, hosts: readonly RecordingHost[]): boolean {
  return hosts.some((h) => {
    const url = new URL(`${h.protocol}//${h.host}`);
    return url.hostname === pin.hostname && effectivePort(url) === pin.port;
  });
}
