// The pages' Content-Security-Policy and HSTS (lib/http/security-headers.ts) and how proxy.ts hands
// them to Next.js; the HTTP side is tests/integration/security-headers.test.ts.
import crypto from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { NextRequest } from "next/server";
import { getScriptNonceFromHeader } from "next/dist/server/app-render/get-script-nonce-from-header";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { createNonce, HSTS, isHttpsOrigin, pageCsp, pageSecurityHeaders, SONNER_STYLE_HASHES } from "@/lib/http/security-headers";
import { proxy } from "@/proxy";

const directives = (csp: string) => new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));

describe("the page policy", () => {
  const nonce = createNonce();
  const csp = directives(pageCsp({ nonce, development: false, https: false }));

  it("allows scripts only by nonce (and what they load), nothing from elsewhere", () => {
    expect(csp.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    expect(csp.get("media-src")).toEqual(["'self'"]);
    expect(csp.get("font-src")).toEqual(["'self'"]);
    expect(csp.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
  });

  it("allows <style> only from the portal, with the nonce or as sonner's stylesheet; style attributes inline", () => {
    expect(csp.get("style-src")).toEqual(["'self'", `'nonce-${nonce}'`, ...SONNER_STYLE_HASHES]);
    expect(csp.get("style-src-attr")).toEqual(["'unsafe-inline'"]);
    expect(csp.has("style-src-elem")).toBe(false);
    expect([...csp.values()].flat()).not.toContain("'unsafe-eval'");
  });

  it("puts the nonce where Next.js reads it, so its own scripts carry it", () => {
    expect(getScriptNonceFromHeader(pageCsp({ nonce, development: true, https: true }))).toBe(nonce);
  });

  it("allows eval, and inline <style> for Next's overlay, only for the development server", () => {
    const dev = directives(pageCsp({ nonce, development: true, https: false }));
    expect(dev.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", "'unsafe-eval'"]);
    expect(dev.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("upgrades insecure requests and sends HSTS only for an https origin", () => {
    expect(pageSecurityHeaders({ nonce, development: false, https: true })).toEqual({
      "Content-Security-Policy": expect.stringMatching(/; upgrade-insecure-requests$/),
      "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    });
    const http = pageSecurityHeaders({ nonce, development: false, https: false });
    expect(Object.keys(http)).toEqual(["Content-Security-Policy"]);
    expect(http["Content-Security-Policy"]).not.toContain("upgrade-insecure-requests");
    expect(HSTS).toBe("max-age=63072000; includeSubDomains");
  });

  it("reads https from the public origin", () => {
    expect(isHttpsOrigin("https://portal.example.com")).toBe(true);
    expect(isHttpsOrigin("HTTPS://portal.example.com")).toBe(true);
    expect(isHttpsOrigin("http://portal.example.com")).toBe(false);
    expect(isHttpsOrigin(undefined)).toBe(false);
  });
});

describe("nonces", () => {
  it("are 16 random bytes, fresh each time, in the form Next.js accepts", () => {
    const all = new Set(Array.from({ length: 200 }, createNonce));
    expect(all.size).toBe(200);
    for (const nonce of all) {
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
      expect(getScriptNonceFromHeader(`script-src 'nonce-${nonce}'`)).toBe(nonce);
    }
  });
});

describe("sonner's injected stylesheet", () => {
  // sonner creates an empty <style>, appends it, then fills it: the browser checks both contents.
  it.each(["index.mjs", "index.js"])("dist/%s injects exactly the CSS the policy's hashes allow (update them on a sonner upgrade)", async (file) => {
    const inserted: string[] = [];
    const fakeStyle = { type: "", appendChild: (node: { text: string }) => inserted.push(node.text) };
    const g = globalThis as { document?: unknown };
    g.document = { head: { appendChild: () => inserted.push("") }, createElement: () => fakeStyle, createTextNode: (text: string) => ({ text }), getElementsByTagName: () => [] };
    try {
      const entry = path.join(path.dirname(createRequire(import.meta.url).resolve("sonner")), file);
      await import(`${entry}?fresh=${Date.now()}`);
    } finally {
      delete g.document;
    }
    expect(inserted).toHaveLength(2);
    const hashes = inserted.map((css) => `'sha256-${crypto.createHash("sha256").update(css).digest("base64")}'`);
    expect(new Set(hashes)).toEqual(new Set(SONNER_STYLE_HASHES));
  });
});

describe("proxy.ts", () => {
  const saved = process.env.NEXTAUTH_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.NEXTAUTH_URL;
    else process.env.NEXTAUTH_URL = saved;
    resetEnvCache();
  });
  const withOrigin = (origin: string) => {
    process.env.NEXTAUTH_URL = origin;
    resetEnvCache();
  };
  // NextResponse.next({ request: { headers } }) hands the rewritten request headers to the render
  // as x-middleware-request-<name>.
  const toRender = (res: Response, name: string) => res.headers.get(`x-middleware-request-${name}`);

  it("gives each page request a fresh nonce, in the CSP of the response and of the request Next renders", () => {
    withOrigin("http://portal.example.com");
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) {
      // A nonce or policy sent by the client is replaced, never trusted.
      const res = proxy(new NextRequest("http://portal.example.com/signin", { headers: { "x-nonce": "attacker", "content-security-policy": "script-src *" } }));
      const nonce = toRender(res, "x-nonce")!;
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(res.headers.get("content-security-policy")).toBe(toRender(res, "content-security-policy"));
      expect(getScriptNonceFromHeader(res.headers.get("content-security-policy")!)).toBe(nonce);
      expect(res.headers.get("strict-transport-security")).toBeNull();
      seen.add(nonce);
    }
    expect(seen.size).toBe(3);
  });

  it("adds HSTS to pages and to its sign-in redirects when the public origin is https", () => {
    withOrigin("https://portal.example.com");
    const page = proxy(new NextRequest("https://portal.example.com/signin"));
    expect(page.headers.get("strict-transport-security")).toBe(HSTS);
    expect(page.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    const redirect = proxy(new NextRequest("https://portal.example.com/teams/demo/calls"));
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get("strict-transport-security")).toBe(HSTS);
  });
});
