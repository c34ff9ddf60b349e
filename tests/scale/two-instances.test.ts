// Scale-out: two `next start` instances of the production build on one real PostgreSQL and one
// Redis behave as one portal. Sessions are valid on both, the team request budget and each member's
// share of it hold across both (WhatTalk never sees more than the limit), the response cache and request coalescing are
// shared, the login throttle is shared; and SIGTERM lets an instance finish what it is answering.
//
// Needs a production build, PostgreSQL (PG_URL / SCALE_DATABASE_URL pointing at a server, or the
// binaries for a private cluster) and redis-server. Without the binaries it is skipped locally
// and fails under CI.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { generateSecrets } from "@/tools/secrets";
import { postgresBinDir, redisServerBin, startPostgres, startRedis, type Service } from "@/tools/services";
import { ROOT, startStack, type Stack } from "@/tools/stack";
import { Client, connectTeam, createTeam, createUser } from "../integration/helpers";

const serverUrl = process.env.SCALE_DATABASE_URL || process.env.PG_URL || undefined;
const missing = [!serverUrl && !postgresBinDir() ? "PostgreSQL (apt-get install postgresql, or set PG_URL)" : null, !redisServerBin() ? "redis-server (apt-get install redis-server)" : null].filter(Boolean);
const skip = missing.length > 0 && !process.env.CI;
if (skip) console.warn(`[scale] skipped: ${missing.join(" and ")} not found on this machine.`);

const BUDGET = 30;
const LOGIN_MAX = 5;
const KEY_HINT = { beta: "beta", gamma: "amma" } as const;

type SimRequest = { path: string; query: Record<string, string>; keyHint: string | null; status: number | null };

describe.skipIf(skip)("two instances on PostgreSQL and Redis", () => {
  let pgService: Service | undefined;
  let redis: Service | undefined;
  let stack: Stack | undefined;
  let a: string;
  let b: string;
  const appLog = path.join(path.resolve(ROOT, process.env.TEST_RESULTS_DIR || "test-results"), "scale-app.log");

  const sim = () => stack!.sim!;
  const upstream = (filter: (r: SimRequest) => boolean) => (sim().requests() as unknown as SimRequest[]).filter((r) => r.path.startsWith("/api/") && filter(r));

  async function teamWith(apiKey: string, moreSupervisors = 0) {
    const owner = await createUser();
    const supervisor = await createUser();
    const others = await Promise.all(Array.from({ length: moreSupervisors }, () => createUser()));
    const team = await createTeam({ members: [{ userId: owner.id, role: "OWNER" }, ...[supervisor, ...others].map((u) => ({ userId: u.id, role: "SUPERVISOR" as const }))] });
    await connectTeam(team.id, apiKey);
    return { team, supervisor, others };
  }

  beforeAll(async () => {
    if (missing.length) throw new Error(`The scale-out test needs ${missing.join(" and ")}.`);
    if (!fs.existsSync(path.join(ROOT, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID"))) throw new Error("The scale-out test runs the production build: run `npm run build` first.");
    [pgService, redis] = await Promise.all([startPostgres(serverUrl), startRedis()]);
    const secrets = generateSecrets();
    fs.rmSync(appLog, { force: true });
    const shared = {
      ...secrets,
      REDIS_URL: redis.url,
      DATABASE_POOL_SIZE: "5",
      WHATTALK_TEAM_BUDGET_PER_MINUTE: String(BUDGET),
      WHATTALK_CACHE_TTL_MS: "60000",
      WHATTALK_MAX_RETRIES: "0",
      WHATTALK_TIMEOUT_MS: "5000",
      LOGIN_MAX_ATTEMPTS: String(LOGIN_MAX),
      LOG_LEVEL: "info",
      // The index sync's own scale test is tests/scale/index-sync.test.ts (here it would add upstream requests).
      INDEX_WORKER: "off",
    };
    stack = await startStack({ mode: "start", port: 0, databaseUrl: pgService.url, simulator: { port: 0 }, env: shared, moreApps: [{}], appLog: { file: appLog } });
    [a, b] = stack.apps.map((app) => app.url);
    // This process seeds through the services, on the same database and secrets.
    Object.assign(process.env, secrets, { DATABASE_URL: pgService.url });
    resetEnvCache();
  });

  afterAll(async () => {
    await stack?.stop();
    await Promise.all([pgService?.stop(), redis?.stop()]);
  });

  it("reports database and Redis healthy on both instances", async () => {
    for (const url of [a, b]) {
      const res = await fetch(`${url}/api/health`);
      const body = (await res.json()) as { status: string; checks: Record<string, { status: string }> };
      expect(res.status).toBe(200);
      expect(body.checks.database.status).toBe("ok");
      expect(body.checks.redis.status).toBe("ok");
    }
  });

  it("accepts a session signed in on A on B, and signing out everywhere on B ends it on A", async () => {
    const { team, supervisor } = await teamWith("wt_demo_gamma");
    const onA = await new Client(a).signIn(supervisor.email);
    const onB = new Client(b);
    onB.cookies = new Map(onA.cookies);
    expect((await onB.get(`/api/teams/${team.id}/views`)).status).toBe(200);
    expect((await onA.get(`/api/teams/${team.id}/views`)).status).toBe(200);
    expect((await onB.post("/api/account/sign-out-everywhere")).status).toBeLessThan(300);
    const afterOnA = new Client(a);
    afterOnA.cookies = new Map(onA.cookies);
    expect((await afterOnA.get(`/api/teams/${team.id}/views`)).status).toBe(401);
  });

  it(`enforces the team budget (${BUDGET}/min) across both: WhatTalk sees at most ${BUDGET} requests`, async () => {
    // Four members, each asking for no more than their share (half the budget), so the team's budget is what stops them.
    const { team, supervisor, others } = await teamWith("wt_demo_beta", 3);
    const clients = await Promise.all([supervisor, ...others].flatMap((u) => [new Client(a).signIn(u.email), new Client(b).signIn(u.email)]));
    sim().clearRequests();
    // 2 × BUDGET distinct (uncached) queries, half on each instance, in parallel batches.
    const statuses: number[] = [];
    const codes: string[] = [];
    for (let batch = 0; batch < 4; batch++) {
      const answers = await Promise.all(
        Array.from({ length: BUDGET / 2 }, async (_, i) => {
          const n = batch * (BUDGET / 2) + i;
          const res = await clients[n % clients.length].get(`/api/teams/${team.id}/calls?per_page=10&page=${n + 1}`);
          const body = (await res.json()) as { error?: { code: string; upstream?: string } };
          return { status: res.status, code: body.error ? `${body.error.code}/${body.error.upstream}` : "" };
        }),
      );
      for (const x of answers) {
        statuses.push(x.status);
        if (x.code) codes.push(x.code);
      }
    }
    const seen = upstream((r) => r.keyHint === KEY_HINT.beta && r.path === "/api/user/calls");
    expect(statuses.length).toBe(2 * BUDGET);
    expect(seen.length).toBeLessThanOrEqual(BUDGET);
    expect(statuses.filter((s) => s === 200).length).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(BUDGET - 2); // the budget is used, not starved
    expect(statuses.filter((s) => s !== 200).every((s) => s === 429)).toBe(true);
    expect(new Set(codes)).toEqual(new Set(["RATE_LIMITED/budget_exhausted"]));
  });

  it(`holds each member's share (${BUDGET / 2}/min) across both; another member is still served`, async () => {
    const { team, supervisor, others } = await teamWith("wt_demo_beta", 1);
    const [onA, onB] = [await new Client(a).signIn(supervisor.email), await new Client(b).signIn(supervisor.email)];
    sim().clearRequests();
    const answers = await Promise.all(
      Array.from({ length: BUDGET }, async (_, n) => {
        const res = await (n % 2 ? onB : onA).get(`/api/teams/${team.id}/calls?per_page=5&page=${n + 1}`);
        return { res, body: (await res.json()) as { error?: { upstream?: string; retryAfterSeconds?: number } } };
      }),
    );
    expect(answers.filter((x) => x.res.status === 200)).toHaveLength(BUDGET / 2);
    const refused = answers.filter((x) => x.res.status !== 200);
    expect(refused).toHaveLength(BUDGET / 2);
    for (const x of refused) {
      expect(x.res.status).toBe(429);
      expect(x.body.error?.upstream).toBe("member_share_exhausted");
      expect(x.res.headers.get("retry-after")).toBe(String(x.body.error?.retryAfterSeconds));
    }
    const other = await new Client(b).signIn(others[0].email);
    for (let n = 0; n < 5; n++) expect((await other.get(`/api/teams/${team.id}/calls?per_page=5&page=${100 + n}`)).status).toBe(200);
    expect(upstream((r) => r.keyHint === KEY_HINT.beta && r.path === "/api/user/calls")).toHaveLength(BUDGET / 2 + 5);
  });

  it("shares the response cache: a query answered by A is a cache hit on B", async () => {
    const { team, supervisor } = await teamWith("wt_demo_gamma");
    const onA = await new Client(a).signIn(supervisor.email);
    const onB = await new Client(b).signIn(supervisor.email);
    sim().clearRequests();
    const query = `/api/teams/${team.id}/calls?per_page=7&page=2&type=inbound`;
    const first = (await (await onA.get(query)).json()) as { meta: { cache: string }; calls: { id: number }[] };
    const second = (await (await onB.get(query)).json()) as { meta: { cache: string }; calls: { id: number }[] };
    expect(first.meta.cache).toBe("miss");
    expect(second.meta.cache).toBe("hit");
    expect(second.calls.map((c) => c.id)).toEqual(first.calls.map((c) => c.id));
    expect(upstream((r) => r.keyHint === KEY_HINT.gamma && r.query.per_page === "7")).toHaveLength(1);
  });

  it("coalesces identical concurrent requests across both instances into one upstream request", async () => {
    const { team, supervisor } = await teamWith("wt_demo_gamma");
    const clients = [await new Client(a).signIn(supervisor.email), await new Client(b).signIn(supervisor.email)];
    sim().clearRequests();
    sim().updateFaults({ latencyMs: 600 });
    try {
      const query = `/api/teams/${team.id}/calls?per_page=9&page=1&type=outbound`;
      const answers = await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const res = await clients[i % 2].get(query);
          return { status: res.status, body: (await res.json()) as { meta: { cache: string }; calls: { id: number }[] } };
        }),
      );
      expect(answers.map((x) => x.status)).toEqual(Array(20).fill(200));
      const ids = JSON.stringify(answers[0].body.calls.map((c) => c.id));
      for (const x of answers) expect(JSON.stringify(x.body.calls.map((c) => c.id))).toBe(ids);
      expect(upstream((r) => r.keyHint === KEY_HINT.gamma && r.query.per_page === "9")).toHaveLength(1);
      const states = new Set(answers.map((x) => x.body.meta.cache));
      expect(states.has("miss")).toBe(true);
      expect([...states].every((s) => ["miss", "coalesced", "hit"].includes(s))).toBe(true);
    } finally {
      sim().updateFaults({ latencyMs: 0 });
    }
  });

  it(`shares the login throttle: failures split across A and B get 429 on attempt ${LOGIN_MAX + 1}`, async () => {
    const user = await createUser();
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_MAX + 1; i++) {
      const res = await new Client(i % 2 ? b : a).signInRaw(user.email, "wrong password");
      statuses.push(res.status);
    }
    expect(statuses.slice(0, LOGIN_MAX).every((s) => s !== 429 && s !== 200)).toBe(true);
    expect(statuses[LOGIN_MAX]).toBe(429);
    // And on either instance, even with the right password, until the window passes.
    expect((await new Client(a).signInRaw(user.email, "correct horse battery staple")).status).toBe(429);
  });

  it(`shares the login throttle under concurrency: of 20 simultaneous wrong passwords split across A and B, ${LOGIN_MAX} reach the password check`, async () => {
    const user = await createUser();
    const statuses = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => (await new Client(i % 2 ? b : a).signInRaw(user.email, `wrong ${i}`)).status),
    );
    expect(statuses.filter((s) => s !== 429)).toHaveLength(LOGIN_MAX);
    expect(statuses.filter((s) => s === 200)).toHaveLength(0);
  });

  it("logs JSON lines only, besides Next's start-up banner", () => {
    const lines = fs.readFileSync(appLog, "utf8").split("\n").filter((l) => l.trim());
    const banner = /^(▲ Next\.js |- (Local|Network): |✓ (Ready in|Running next\.config|Starting))/;
    expect(lines.filter((l) => !l.startsWith("{") && !banner.test(l))).toEqual([]);
    const records = lines.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as { msg?: string; level?: string; time?: string });
    expect(records.some((r) => r.msg === "whattalk request" && r.level === "info" && typeof r.time === "string")).toBe(true);
  });

  it("finishes an in-flight request on SIGTERM, then stops (instance B)", async () => {
    const { team, supervisor } = await teamWith("wt_demo_gamma");
    const onB = await new Client(b).signIn(supervisor.email);
    const appB = stack!.apps[1].process;
    sim().updateFaults({ latencyMs: 2_000 });
    try {
      const started = Date.now();
      const inFlight = onB.get(`/api/teams/${team.id}/calls?per_page=11&page=1`);
      await new Promise((r) => setTimeout(r, 500)); // the request is waiting for WhatTalk
      const exited = new Promise<number | null>((resolve) => appB.once("exit", (code) => resolve(code)));
      appB.kill("SIGTERM");
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(((await res.json()) as { calls: unknown[] }).calls).toHaveLength(11);
      const answered = Date.now();
      expect(answered - started).toBeGreaterThanOrEqual(2_000);
      expect(await exited).toBe(143);
      // Next closes the connections that are left idle (keep-alive: 5 s at most), then exits.
      expect(Date.now() - answered).toBeLessThan(8_000);
      await expect(fetch(`${b}/api/health`)).rejects.toThrow();
      // A is unaffected.
      expect((await fetch(`${a}/api/health`)).status).toBe(200);
    } finally {
      sim().updateFaults({ latencyMs: 0 });
    }
  });
});
