// Optional OAuth sign-in and the public URL: the sign-in page offers GitHub and Google only when they
// are configured (a second app server on the same build and database, with both pairs set, started
// for this file), and next-auth's OAuth redirect and the invitation links come from NEXTAUTH_URL, not
// from the Host or X-Forwarded-Host header a client sends.
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "@/tools/stack";
import { Client, stack, teamWithRoles, uniq } from "./helpers";

const GITHUB = { id: "portal-test-github-client", secret: "gh-secret-never-shown-7f3a9c" };
const GOOGLE = { id: "portal-test-google-client.apps.googleusercontent.com", secret: "google-secret-never-shown-2b8d1e" };

let configured: Stack;

beforeAll(async () => {
  configured = await startStack({
    mode: "start",
    port: 0,
    databaseUrl: stack().databaseUrl,
    simulator: false,
    env: { ...stack().env, GITHUB_ID: GITHUB.id, GITHUB_SECRET: GITHUB.secret, GOOGLE_ID: GOOGLE.id, GOOGLE_SECRET: GOOGLE.secret },
    appLog: { file: path.join(path.dirname(stack().appLogFile), "integration-oauth.log") },
  });
}, 180_000);

afterAll(async () => {
  await configured?.stop();
});

/** A request with headers fetch() will not send (Host). */
function raw(url: string, init: { method: string; headers: Record<string, string>; body?: string }): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method, headers: init.headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

const cookieHeader = (c: Client) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
const SPOOFED = { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };

describe("the sign-in page", () => {
  it("shows no OAuth button when no provider is configured", async () => {
    const html = await (await new Client().get("/signin")).text();
    expect(html).toContain("Sign in</button>");
    expect(html).not.toContain("or continue with");
    expect(html).not.toContain("/api/auth/signin/github");
    expect(html).not.toContain("/api/auth/signin/google");
    const providers = (await (await new Client().get("/api/auth/providers")).json()) as Record<string, unknown>;
    expect(Object.keys(providers)).toEqual(["credentials"]);
  });

  it("shows a GitHub and a Google button when both are configured, and never their secrets", async () => {
    const c = new Client(configured.appUrl);
    const html = await (await c.get("/signin")).text();
    expect(html).toContain("or continue with");
    expect(html).toContain('action="/api/auth/signin/github"');
    expect(html).toContain('action="/api/auth/signin/google"');
    expect(html).toMatch(/>GitHub<\/button>/);
    expect(html).toMatch(/>Google<\/button>/);
    for (const secret of [GITHUB.secret, GOOGLE.secret]) expect(html).not.toContain(secret);
    const providers = await (await c.get("/api/auth/providers")).text();
    expect(Object.keys(JSON.parse(providers) as object)).toEqual(["credentials", "github", "google"]);
    for (const secret of [GITHUB.secret, GOOGLE.secret]) expect(providers).not.toContain(secret);
  });

  it("explains why an OAuth sign-in was refused", async () => {
    const page = async (error: string) => (await (await new Client(configured.appUrl).get(`/signin?error=${error}`)).text()).replaceAll("&#x27;", "'");
    expect(await page("PasswordAccount")).toContain("This e-mail address already has a portal account with a password: sign in with your password.");
    expect(await page("OAuthEmail")).toContain("Your account at that provider has no verified e-mail address.");
    expect(await page("SignupDisabled")).toContain("Sign-up is closed: ask a team admin for an invitation.");
  });
});

describe("NEXTAUTH_URL, not the request's Host, makes the public links", () => {
  it("sends GitHub a callback on NEXTAUTH_URL even when Host and X-Forwarded-Host are spoofed", async () => {
    const c = new Client(configured.appUrl);
    const { csrfToken } = (await (await c.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await raw(`${configured.appUrl}/api/auth/signin/github`, {
      method: "POST",
      headers: { ...SPOOFED, cookie: cookieHeader(c), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl: "/" }).toString(),
    });
    expect(res.status).toBe(302);
    const location = new URL(String(res.headers.location));
    expect(location.origin + location.pathname).toBe("https://github.com/login/oauth/authorize");
    expect(location.searchParams.get("client_id")).toBe(GITHUB.id);
    expect(location.searchParams.get("redirect_uri")).toBe(`${configured.appUrl}/api/auth/callback/github`);
    expect(location.searchParams.get("scope")).toContain("user:email");
    expect(String(res.headers.location)).not.toContain(GITHUB.secret);
  });

  it("builds invitation links on NEXTAUTH_URL even when Host and X-Forwarded-Host are spoofed", async () => {
    const { team, clients } = await teamWithRoles();
    const res = await raw(`${stack().appUrl}/api/teams/${team.id}/invitations`, {
      method: "POST",
      headers: { ...SPOOFED, cookie: cookieHeader(clients.ADMIN), "content-type": "application/json" },
      body: JSON.stringify({ email: `${uniq("invitee")}@example.test`, role: "AGENT" }),
    });
    expect(res.status).toBe(201);
    const { url, path: linkPath } = JSON.parse(res.body) as { url: string; path: string };
    expect(url).toBe(`${stack().appUrl}${linkPath}`);
    expect(url).not.toContain("evil.example");
  });
});
