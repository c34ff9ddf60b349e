// The analytics and export services against a real simulator and a fresh database, for what the
// HTTP stack cannot set per test: the ANALYTICS_MAX_CALLS refusal after page 1, the export size
// refusal, a cancelled export's audit row, and an abandoned analytics run being stopped.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { encryptSecret, getKeyRing } from "@/lib/crypto/keyring";
import type { TeamAccess } from "@/lib/auth/team-access";
import { can, scopesOf, type Role } from "@/lib/rbac";
import { clearAnalyticsCache, runAnalytics } from "@/lib/analytics/run-analytics";
import { startCallsExport } from "@/lib/export/export-calls";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Simulator } from "@/tools/whattalk-sim/server";
import { ALPHA, freshClientState, makeTeam, rejection, setEnv, startSim } from "./credentials-helpers";

let sim: Simulator;

beforeAll(async () => {
  sim = await startSim();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  freshClientState();
  clearAnalyticsCache();
  sim.reset();
  setEnv({ ANALYTICS_MAX_CALLS: undefined, WHATTALK_TEAM_BUDGET_PER_MINUTE: "10000", WHATTALK_MEMBER_SHARE: undefined, EXPORT_CONCURRENCY: "4", EXPORT_MAX_MINUTES: undefined });
});

async function connectedTeam(role: Role = "SUPERVISOR"): Promise<TeamAccess> {
  const team = await makeTeam();
  const credentialId = `cred${team.id.slice(-8)}${Date.now()}`;
  await db().apiCredential.create({
    data: { id: credentialId, teamId: team.id, label: "Test key", last4: "lpha", keyId: getKeyRing().primaryId, ciphertext: encryptSecret(getKeyRing(), ALPHA, { teamId: team.id, credentialId }), status: "OK" },
  });
  const m = team.members[role];
  return {
    user: { id: m.userId, email: m.email, name: role, sessionVersion: 0 },
    team: { id: team.id, name: `Team ${team.slug}`, slug: team.slug, timeZone: "Europe/Istanbul", country: "TR" },
    role,
    membershipId: m.membershipId,
    scopes: scopesOf(role),
    can: (s) => can(role, s),
  };
}

const apiRequests = () => sim.requests().filter((r) => r.path.startsWith("/api/user/calls"));

describe("analytics limits", () => {
  it("refuses a selection above ANALYTICS_MAX_CALLS after reading page 1 only, suggesting a narrower range", async () => {
    setEnv({ ANALYTICS_MAX_CALLS: "500" });
    const access = await connectedTeam();
    sim.clearRequests();
    const run = await runAnalytics(access, { date_from: "2025-01-01", date_to: "2025-03-31" });
    expect(run.kind).toBe("running");
    const error = await rejection((run as Extract<typeof run, { kind: "running" }>).result);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("BAD_REQUEST");
    expect((error as AppError).message).toMatch(/^6,\d{3} calls match these filters; analytics are limited to 500 calls .* Choose a shorter date range or add filters\.$/);
    expect((error as AppError).details).toMatchObject({ reason: "too_many_calls", limit: 500 });
    expect(apiRequests()).toHaveLength(1);
  });

  it("shares one run between identical requests and stops a run nobody waits for any more", async () => {
    const access = await connectedTeam();
    sim.setFaults({ latencyMs: 500 }); // ~8 s for the whole range: longer than the abandon grace
    const selection = { date_from: "2025-01-01", date_to: "2025-03-31" };
    const a = new AbortController();
    const b = new AbortController();
    const first = await runAnalytics(access, selection, { signal: a.signal });
    const second = await runAnalytics(access, selection, { signal: b.signal });
    const results = [first, second].map((r) => (r.kind === "running" ? r.result.catch((e: unknown) => e) : Promise.resolve(r.result)));
    await new Promise((r) => setTimeout(r, 200));
    a.abort();
    b.abort();
    const [ra, rb] = await Promise.all(results);
    expect(ra).toBeInstanceOf(Error);
    expect(rb).toBe(ra);
    // The simulator logs a request when it answers: let the aborted ones finish, then nothing more comes.
    await new Promise((r) => setTimeout(r, 700));
    const requested = apiRequests().length;
    expect(requested).toBeLessThan(40);
    await new Promise((r) => setTimeout(r, 700));
    expect(apiRequests().length).toBe(requested);
    // Each page was asked once for both callers (one shared run).
    const pages = apiRequests().map((r) => String(r.query.page));
    expect(new Set(pages).size).toBe(pages.length);
  }, 30_000);
});

describe("export limits", () => {
  it("refuses an export needing more than 30 minutes of the team's budget (the default EXPORT_MAX_MINUTES), before streaming", async () => {
    setEnv({ WHATTALK_TEAM_BUDGET_PER_MINUTE: "2" });
    freshClientState();
    const access = await connectedTeam();
    sim.clearRequests();
    const error = await rejection(startCallsExport(access, {}, ["time"]));
    expect((error as AppError).code).toBe("BAD_REQUEST");
    expect((error as AppError).message).toMatch(
      /^This export has 6,\d{3} calls: 6\d requests to WhatTalk, about 3\d minutes of this team's budget of 2 requests a minute\. Exports are limited to 30 minutes of the budget, which fits 6,000 calls: narrow the date range or add filters to stay under that\.$/,
    );
    expect((error as AppError).details).toMatchObject({ reason: "export_too_large", limit: 6_000, maxMinutes: 30 });
    // Only page 1 was asked for, and nothing was audited (the export never started).
    expect(apiRequests()).toHaveLength(1);
    expect(await db().auditEvent.count({ where: { teamId: access.team.id, action: "calls.exported" } })).toBe(0);
  });

  it("takes the limit from EXPORT_MAX_MINUTES: a larger one lets the same export start, a smaller one says how many calls fit", async () => {
    // Two exports by one member in a minute of a 2-request budget: the whole budget is theirs here (share 1).
    setEnv({ WHATTALK_TEAM_BUDGET_PER_MINUTE: "2", WHATTALK_MEMBER_SHARE: "1", EXPORT_MAX_MINUTES: "40" });
    freshClientState();
    const access = await connectedTeam();
    const exp = await startCallsExport(access, {}, ["time"]);
    expect(exp.total).toBeGreaterThan(6_000);
    await exp.stream.cancel();

    setEnv({ EXPORT_MAX_MINUTES: "1" });
    const small = await rejection(startCallsExport(access, { status: "completed" }, ["time"]));
    expect((small as AppError).message).toMatch(/Exports are limited to 1 minute of the budget, which fits 200 calls: narrow the date range or add filters to stay under that\.$/);
    expect((small as AppError).details).toMatchObject({ reason: "export_too_large", limit: 200, maxMinutes: 1 });

    setEnv({ EXPORT_MAX_MINUTES: "0" });
    expect(() => env()).toThrow(/EXPORT_MAX_MINUTES must be at least 1 \(got "0"\)/);
  });

  it("records a cancelled export in the audit log with the rows sent so far, and stops reading", async () => {
    sim.setFaults({ latencyMs: 20 });
    const access = await connectedTeam("ADMIN");
    const exp = await startCallsExport(access, { status: "completed" }, ["time", "status"]);
    const reader = exp.stream.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    const atCancel = apiRequests().length;
    await reader.cancel();
    // Requests in flight at the cancel are aborted by the portal (the simulator still logs them
    // when it answers); no new ones start.
    await new Promise((r) => setTimeout(r, 300));
    const settled = apiRequests().length;
    expect(settled).toBeLessThanOrEqual(atCancel + 4 + 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(apiRequests().length).toBe(settled);
    const audit = await db().auditEvent.findFirst({ where: { teamId: access.team.id, action: "calls.exported" } });
    expect(audit?.actorId).toBe(access.user.id);
    expect(audit?.data).toMatchObject({ complete: false, cancelled: true, filters: { status: "completed" }, columns: ["time", "status"] });
    expect((audit?.data as { rows: number }).rows).toBeGreaterThan(0);
  });

  it("is refused to roles limited to their assigned assistants", async () => {
    const access = await connectedTeam("AGENT");
    expect(((await rejection(startCallsExport(access, {}, ["time"]))) as AppError).code).toBe("FORBIDDEN");
    expect(((await rejection(runAnalytics(access, { date_from: "2025-01-01", date_to: "2025-01-02" }))) as AppError).code).toBe("FORBIDDEN");
  });
});
