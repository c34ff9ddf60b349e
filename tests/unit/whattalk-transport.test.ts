// The WhatTalk client's node:http transport: what the client relies on from it.
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeFetch } from "@/lib/whattalk/transport";

describe("WhatTalk transport (node:http, keep-alive)", () => {
  let server: http.Server;
  let base: string;
  const sockets = new Set<unknown>();
  const seen: { method?: string; headers: http.IncomingHttpHeaders }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      sockets.add(req.socket);
      seen.push({ method: req.method, headers: req.headers });
      const url = new URL(req.url ?? "/", "http://x");
      const json = JSON.stringify({ message: "héllo ✓", path: url.pathname, data: "x".repeat(20_000) });
      if (url.pathname === "/gzip") {
        res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
        return res.end(zlib.gzipSync(json));
      }
      if (url.pathname === "/br") {
        res.writeHead(200, { "content-type": "application/json", "content-encoding": "br" });
        return res.end(zlib.brotliCompressSync(json));
      }
      if (url.pathname === "/redirect") {
        res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data" });
        return res.end();
      }
      if (url.pathname === "/slow") {
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"partial":');
        return setTimeout(() => res.end("1}"), 2_000);
      }
      if (url.pathname === "/retry-after") {
        res.writeHead(429, { "retry-after": "7" });
        return res.end('{"message":"Too Many Attempts."}');
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(json);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it("sends the method and headers, reads the whole body as UTF-8, and reuses connections", async () => {
    sockets.clear();
    for (let i = 0; i < 20; i++) {
      const res = await nodeFetch(`${base}/plain?i=${i}`, { method: "GET", headers: { Authorization: "Bearer k", Accept: "application/json" } });
      expect(res.status).toBe(200);
      const body = JSON.parse(await res.text()) as { message: string; data: string };
      expect(body.message).toBe("héllo ✓");
      expect(body.data).toHaveLength(20_000);
    }
    expect(seen.at(-1)?.headers.authorization).toBe("Bearer k");
    expect(seen.at(-1)?.headers.accept).toBe("application/json");
    expect(sockets.size).toBe(1);
  });

  it("decodes gzip and brotli answers", async () => {
    for (const p of ["/gzip", "/br"]) {
      const res = await nodeFetch(`${base}${p}`, { method: "GET", headers: {} });
      expect((JSON.parse(await res.text()) as { message: string }).message).toBe("héllo ✓");
    }
  });

  it("never follows redirects and exposes headers case-insensitively", async () => {
    const res = await nodeFetch(`${base}/redirect`, { method: "GET", headers: {} });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("http://169.254.169.254/latest/meta-data");
    const limited = await nodeFetch(`${base}/retry-after`, { method: "GET", headers: {} });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBe("7");
    expect(limited.headers.get("x-missing")).toBeNull();
  });

  it("rejects with the signal's reason when aborted, also in the middle of the body", async () => {
    const signal = AbortSignal.timeout(300);
    const t0 = Date.now();
    await expect(nodeFetch(`${base}/slow`, { method: "GET", headers: {}, signal })).rejects.toBeTruthy();
    expect(Date.now() - t0).toBeLessThan(1_500);
    expect(signal.aborted).toBe(true);
    const already = AbortSignal.abort(new Error("stop"));
    await expect(nodeFetch(`${base}/plain`, { method: "GET", headers: {}, signal: already })).rejects.toThrow("stop");
  });

  it("rejects on a refused connection", async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await expect(nodeFetch(`http://127.0.0.1:${port}/`, { method: "GET", headers: {} })).rejects.toBeTruthy();
  });
});
