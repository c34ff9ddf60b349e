// Request body limits over real HTTP against the production server: JSON routes (sign-up, team
// settings) take at most 64 KB, next-auth's credentials callback at most 16 KB of form. Larger
// bodies get 413 from the declared length (before a byte of body is sent) or while streaming
// (chunked), change nothing, and never sit in the server's memory. Up to 256 KB past the limit the
// rest is read and dropped so the 413 arrives; a client still sending more when the server closes
// the connection may see it reset instead (no lingering close in Node's HTTP server).
import http from "node:http";
import { inject } from "vitest";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { rssBytes } from "@/tools/bench/memory";
import { appUrl, Client, createUser, DEFAULT_PASSWORD, teamWithRoles, uniq } from "./helpers";

const JSON_LIMIT = 64 * 1024;
const FORM_LIMIT = 16 * 1024;
const MB = 1024 * 1024;

type RawAnswer = { status: number | null; body: string; setCookie: string[]; sent: number };

/**
 * Sends (POST by default) `head` and then filler bytes up to `total` bytes, in 64 KB writes, and stops writing as soon
 * as an answer arrives. `declare`: send Content-Length: total but no body at all until answered
 * (after `waitMs` without an answer it gives up: status null). Otherwise the body is chunked.
 */
function rawPost(path: string, opts: { method?: string; headers: Record<string, string>; head: string; fill: string; total: number; declare?: boolean; waitMs?: number }): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const url = new URL(path, appUrl());
    const headers = { ...opts.headers, ...(opts.declare ? { "content-length": String(opts.total) } : {}) };
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: opts.method ?? "POST", headers, agent: false });
    const answer: RawAnswer = { status: null, body: "", setCookie: [], sent: 0 };
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(answer);
    };
    const timer = setTimeout(done, opts.waitMs ?? 30_000);
    req.on("response", (res) => {
      answer.status = res.statusCode ?? null;
      answer.setCookie = res.headers["set-cookie"] ?? [];
      res.setEncoding("utf8");
      res.on("data", (d: string) => (answer.body += d));
      res.on("end", done);
      res.on("error", done);
    });
    // Writing into a connection the server has closed fails with EPIPE/ECONNRESET; the answer, if
    // any, has been read by then.
    req.on("error", () => setTimeout(done, 50));
    if (opts.declare) {
      req.flushHeaders();
      return;
    }
    const chunk = Buffer.alloc(64 * 1024, opts.fill);
    req.write(opts.head);
    answer.sent = Buffer.byteLength(opts.head);
    const pump = () => {
      while (!settled && answer.status === null && answer.sent < opts.total) {
        answer.sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!settled && answer.status === null) req.end();
    };
    pump();
  });
}

const jsonHeaders = (ip: string) => ({ "content-type": "application/json", "x-forwarded-for": ip });
const formHeaders = (ip: string) => ({ "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip });
const errorOf = (a: RawAnswer) => (JSON.parse(a.body) as { error: { code: string; message: string; limitBytes: number } }).error;
const randomIp = () => `198.51.100.${1 + Math.floor(Math.random() * 250)}`;

/** A sign-up body for `email`, padded with spaces to exactly `size` bytes. */
function signupBody(email: string, size: number) {
  const base = JSON.stringify({ email, password: DEFAULT_PASSWORD, name: "Big Body" });
  return base + " ".repeat(size - base.length);
}

describe("JSON bodies (POST /api/signup, PATCH /api/teams/{id})", () => {
  it("answers 413 from Content-Length alone, before any of the body is sent, and creates nothing", async () => {
    const email = `${uniq("big")}@example.test`;
    const a = await rawPost("/api/signup", { headers: jsonHeaders(randomIp()), head: "", fill: " ", total: 8 * MB, declare: true, waitMs: 5_000 });
    expect(a.status).toBe(413);
    expect(errorOf(a)).toEqual({ code: "PAYLOAD_TOO_LARGE", message: "The request body is too large: at most 64 KB is accepted.", limitBytes: JSON_LIMIT });
    expect(await db().user.findUnique({ where: { email } })).toBeNull();
  });

  it("answers 413 while streaming a chunked body (no Content-Length) and creates nothing", async () => {
    const email = `${uniq("big")}@example.test`;
    const head = `{"email":"${email}","password":"${DEFAULT_PASSWORD}","name":"Big Body","pad":"`;
    const a = await rawPost("/api/signup", { headers: jsonHeaders(randomIp()), head, fill: "x", total: 256 * 1024 });
    expect(a.status).toBe(413);
    expect(errorOf(a).code).toBe("PAYLOAD_TOO_LARGE");
    // 8 MB: cut off long before its end (413, or a connection reset while still sending).
    const big = await rawPost("/api/signup", { headers: jsonHeaders(randomIp()), head, fill: "x", total: 64 * MB });
    expect([413, null]).toContain(big.status);
    expect(big.sent).toBeLessThan(64 * MB);
    expect(await db().user.findUnique({ where: { email } })).toBeNull();
  });

  it("accepts a body of exactly 64 KB and refuses one byte more", async () => {
    const ip = randomIp();
    const email = `${uniq("edge")}@example.test`;
    const over = await new Client().request("/api/signup", { method: "POST", headers: jsonHeaders(ip), body: signupBody(email, JSON_LIMIT + 1) });
    expect(over.status).toBe(413);
    expect(await db().user.findUnique({ where: { email } })).toBeNull();
    const exact = await new Client().request("/api/signup", { method: "POST", headers: jsonHeaders(ip), body: signupBody(email, JSON_LIMIT) });
    expect(exact.status).toBe(202);
    expect(await db().user.findUnique({ where: { email } })).not.toBeNull();
  });

  it("a team route refuses an oversized body (chunked or declared) and changes nothing", async () => {
    const { team, clients } = await teamWithRoles();
    const cookie = [...clients.OWNER.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const headers = { ...jsonHeaders(randomIp()), cookie };
    const chunked = await rawPost(`/api/teams/${team.id}`, { method: "PATCH", headers, head: `{"name":"Renamed by a big body","pad":"`, fill: "x", total: 128 * 1024 });
    expect(chunked.status).toBe(413);
    const big = await rawPost(`/api/teams/${team.id}`, { method: "PATCH", headers, head: `{"name":"Renamed by a big body","pad":"`, fill: "x", total: 64 * MB });
    expect([413, null]).toContain(big.status);
    // Bytes handed to the kernel: a few MB fit in the two sockets' buffers before the server's close
    // arrives, so the body is large enough that only a server reading it all would take it whole.
    expect(big.sent).toBeLessThan(64 * MB);
    const declared = await new Client().request(`/api/teams/${team.id}`, { method: "PATCH", headers, body: JSON.stringify({ name: "Renamed too", pad: "x".repeat(JSON_LIMIT) }) });
    expect(declared.status).toBe(413);
    expect((await db().team.findUniqueOrThrow({ where: { id: team.id } })).name).toBe(team.name);
    expect(await db().auditEvent.count({ where: { teamId: team.id, action: "team.settings_changed" } })).toBe(0);
    // A normal body still works.
    expect((await clients.OWNER.patch(`/api/teams/${team.id}`, { name: "Renamed normally" })).status).toBe(200);
  });
});

describe("form bodies (next-auth's credentials callback)", () => {
  async function csrf() {
    const client = new Client();
    const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
    return { client, csrfToken, cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") };
  }
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

  it("answers 413 by Content-Length and while streaming, without signing in", async () => {
    const user = await createUser();
    const { csrfToken, cookie } = await csrf();
    const fields = { csrfToken, email: user.email, password: DEFAULT_PASSWORD, json: "true", callbackUrl: "/" };
    const declared = await rawPost("/api/auth/callback/credentials", { headers: { ...formHeaders(randomIp()), cookie }, head: "", fill: " ", total: 8 * MB, declare: true, waitMs: 5_000 });
    expect(declared.status).toBe(413);
    expect(errorOf(declared)).toEqual({ code: "PAYLOAD_TOO_LARGE", message: "The request body is too large: at most 16 KB is accepted.", limitBytes: FORM_LIMIT });
    const streamed = await rawPost("/api/auth/callback/credentials", { headers: { ...formHeaders(randomIp()), cookie }, head: `${form(fields)}&pad=`, fill: "x", total: 128 * 1024 });
    expect(streamed.status).toBe(413);
    expect(errorOf(streamed).code).toBe("PAYLOAD_TOO_LARGE");
    const big = await rawPost("/api/auth/callback/credentials", { headers: { ...formHeaders(randomIp()), cookie }, head: `${form(fields)}&pad=`, fill: "x", total: 64 * MB });
    expect([413, null]).toContain(big.status);
    expect(big.sent).toBeLessThan(64 * MB);
    for (const a of [declared, streamed, big]) expect(a.setCookie.some((c) => c.includes("session-token"))).toBe(false);
  });

  it("signs in with a form of exactly 16 KB and refuses one byte more", async () => {
    const user = await createUser();
    const { client, csrfToken } = await csrf();
    const fields = form({ csrfToken, email: user.email, password: DEFAULT_PASSWORD, json: "true", callbackUrl: "/" });
    const body = (size: number) => `${fields}&pad=${"x".repeat(size - fields.length - 5)}`;
    expect(body(FORM_LIMIT)).toHaveLength(FORM_LIMIT);
    const over = await client.request("/api/auth/callback/credentials", { method: "POST", headers: formHeaders(randomIp()), body: body(FORM_LIMIT + 1) });
    expect(over.status).toBe(413);
    expect(client.isSignedIn()).toBe(false);
    const exact = await client.request("/api/auth/callback/credentials", { method: "POST", headers: formHeaders(randomIp()), body: body(FORM_LIMIT) });
    expect(exact.status).toBe(200);
    expect(client.isSignedIn()).toBe(true);
  });
});

describe("memory", () => {
  it("stays flat while the server is sent many multi-megabyte bodies at once", async () => {
    const pid = inject("stack").appPid;
    const blast = (n: number, megabytes: number) =>
      Promise.all(
        Array.from({ length: n }, (_, i) =>
          i % 2
            ? rawPost("/api/signup", { headers: jsonHeaders(randomIp()), head: '{"pad":"', fill: "x", total: megabytes * MB })
            : rawPost("/api/auth/callback/credentials", { headers: formHeaders(randomIp()), head: "email=a%40b.test&pad=", fill: "x", total: megabytes * MB }),
        ),
      );
    await blast(4, 4); // warm-up: the code paths are compiled, the heap has its working size
    const before = rssBytes(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), 5);
    const started = performance.now();
    const answers: RawAnswer[] = [];
    try {
      for (let round = 0; round < 3; round++) answers.push(...(await blast(8, 16)));
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, rssBytes(pid));
    // Each one refused long before its end (a closed connection can reset before the client reads the 413).
    for (const a of answers) {
      expect([413, null]).toContain(a.status);
      expect(a.sent).toBeLessThan(16 * MB);
    }
    expect(answers.filter((a) => a.status === 413).length).toBeGreaterThan(0);
    // 24 bodies of 16 MB (384 MB) offered; the server kept at most a limit's worth of each.
    expect(peak - before, `RSS grew from ${(before / MB).toFixed(0)} MB to a peak of ${(peak / MB).toFixed(0)} MB`).toBeLessThan(32 * MB);
    expect(performance.now() - started).toBeLessThan(30_000);
  });
});
