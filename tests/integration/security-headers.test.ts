// Over HTTP against the production build: pages carry a nonce CSP that is fresh per response and on
// every <script>; route handlers carry their fixed strict headers; HSTS only for an https origin.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { freePort, waitForHttp } from "@/tools/stack";
import { Client, connectTeam, createTeam, createUser } from "./helpers";

const ROOT = path.resolve(__dirname, "../..");

/** The nonce of a page's CSP, after checking every <script> in its HTML carries it. */
async function pageNonce(res: Response): Promise<string> {
  const csp = res.headers.get("content-security-policy") ?? "";
  const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(csp)?.[1];
  expect(nonce, `page CSP: ${csp}`).toBeTruthy();
  const html = await res.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(1);
  for (const tag of scripts) expect(tag).toContain(` nonce="${nonce}"`);
  // next-themes' inline theme script is one of them.
  const themeScript = [...html.matchAll(/<script\b([^>]*)>([^<]*)<\/script>/g)].find((m) => m[2].includes("localStorage"));
  expect(themeScript?.[1]).toContain(`nonce="${nonce}"`);
  expect(csp).toContain(`style-src 'self' 'nonce-${nonce}'`);
  return nonce!;
}

describe("pages", () => {
  it("carry the CSP with a fresh nonce per response, on every script, without HSTS for an http origin", async () => {
    const client = new Client();
    const [a, b] = [await client.get("/signin"), await client.get("/signin")];
    expect([a.status, b.status]).toEqual([200, 200]);
    const nonces = [await pageNonce(a), await pageNonce(b)];
    expect(nonces[0]).not.toBe(nonces[1]);
    const csp = a.headers.get("content-security-policy")!;
    expect(csp.split("; ")).toEqual(
      expect.arrayContaining(["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'", "media-src 'self'", "connect-src 'self'"]),
    );
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(a.headers.get("strict-transport-security")).toBeNull();
    // A nonce sent by the client is ignored.
    const spoofed = await client.get("/signin", { headers: { "x-nonce": "AAAAAAAAAAAAAAAAAAAAAA==" } });
    expect(await pageNonce(spoofed)).not.toBe("AAAAAAAAAAAAAAAAAAAAAA==");
  });

  it("signed-in pages, sign-up and the not-found page get one too", async () => {
    const user = await createUser();
    const team = await createTeam({ members: [{ userId: user.id, role: "OWNER" }] });
    await connectTeam(team.id);
    const client = await new Client().signIn(user.email);
    for (const [url, status] of [[`/teams/${team.slug}/calls`, 200], [`/teams/${team.slug}/settings/members`, 200], ["/account", 200], ["/no-such-page", 404]] as const) {
      const res = await client.get(url);
      expect(res.status, url).toBe(status);
      await pageNonce(res);
    }
    await pageNonce(await new Client().get("/signup"));
    // The proxy's sign-in redirect carries the policy too.
    const redirect = await new Client().get(`/teams/${team.slug}/calls`);
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get("content-security-policy")).toMatch(/'nonce-/);
  });
});

describe("route handlers", () => {
  it("answer with a strict CSP that allows nothing, nosniff, no referrer leaks and no framing", async () => {
    const anonymous = new Client();
    const user = await createUser();
    const client = await new Client().signIn(user.email);
    for (const res of [await anonymous.get("/api/health"), await anonymous.get("/api/teams"), await client.get("/api/teams"), await anonymous.get("/api/auth/csrf")]) {
      expect(res.headers.get("content-security-policy"), res.url).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("strict-transport-security")).toBeNull();
      await res.body?.cancel();
    }
  });
});

describe("an https public origin", () => {
  it("adds HSTS and upgrade-insecure-requests to pages", async () => {
    // A second instance of the same build whose NEXTAUTH_URL is https (TLS ends at a proxy in front).
    // The sign-in page needs no database for a visitor without a session.
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        ...(process.env.NEXT_DIST_DIR ? { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR } : {}),
        NEXTAUTH_URL: "https://portal.example.test",
        NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
        APP_ENCRYPTION_KEYS: `k1:${crypto.randomBytes(32).toString("base64")}`,
        DATABASE_URL: "postgresql://nobody:nothing@127.0.0.1:1/none",
        LOG_LEVEL: "silent",
      },
      stdio: "ignore",
    });
    try {
      await waitForHttp(`http://127.0.0.1:${port}/signin`, 60_000, () => child.exitCode === null);
      const res = await fetch(`http://127.0.0.1:${port}/signin`, { redirect: "manual" });
      expect(res.status).toBe(200);
      expect(res.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
      expect(res.headers.get("content-security-policy")).toMatch(/; upgrade-insecure-requests$/);
      await pageNonce(res);
    } finally {
      child.kill("SIGTERM");
    }
  });
});
