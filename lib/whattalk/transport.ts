// The HTTP transport of the WhatTalk client: node:http(s) with keep-alive agents instead of fetch.
// Why, and its semantics: docs/design-notes.md.
import "server-only";
import http from "node:http";
import https from "node:https";
import zlib from "node:zlib";

export interface UpstreamResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type UpstreamFetch = (url: string, init: { method: string; headers: Record<string, string>; signal?: AbortSignal }) => Promise<UpstreamResponse>;

const AGENT_OPTIONS = { keepAlive: true, maxSockets: 256, maxFreeSockets: 64, timeout: 4_000, scheduling: "lifo" as const };
const agents = { http: new http.Agent(AGENT_OPTIONS), https: new https.Agent(AGENT_OPTIONS) };

function decode(body: Buffer, encoding: string | undefined): Buffer {
  switch ((encoding ?? "").trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return zlib.gunzipSync(body);
    case "deflate":
      return zlib.inflateSync(body);
    case "br":
      return zlib.brotliDecompressSync(body);
    default:
      return body;
  }
}

export const nodeFetch: UpstreamFetch = (url, init) =>
  new Promise<UpstreamResponse>((resolve, reject) => {
    const target = new URL(url);
    const secure = target.protocol === "https:";
    if (!secure && target.protocol !== "http:") return reject(new TypeError(`unsupported protocol ${target.protocol}`));
    if (init.signal?.aborted) return reject(init.signal.reason);
    const req = (secure ? https : http).request(
      target,
      {
        method: init.method,
        agent: secure ? agents.https : agents.http,
        headers: { ...init.headers, "Accept-Encoding": "gzip, deflate, br" },
        signal: init.signal,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("close", () => {
          if (!res.complete) reject(init.signal?.aborted ? init.signal.reason : new Error("connection closed before the answer was complete"));
        });
        res.on("end", () => {
          let body: Buffer;
          try {
            body = decode(Buffer.concat(chunks), res.headers["content-encoding"]);
          } catch (error) {
            return reject(error);
          }
          const headers = res.headers;
          resolve({
            status: res.statusCode ?? 0,
            headers: {
              get(name: string) {
                const v = headers[name.toLowerCase()];
                return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
              },
            },
            text: async () => body.toString("utf8"),
          });
        });
      },
    );
    req.on("error", reject);
    req.end();
  });
