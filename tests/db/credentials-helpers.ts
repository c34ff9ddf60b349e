// Shared set-up for the WhatTalk connection tests: a real simulator over HTTP, users and teams made
// straight in the file's fresh database, and actors like the route handlers pass.
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import type { Role } from "@/lib/rbac";
import type { TeamActor } from "@/lib/auth/team-actor";
import { resetBudgetsForTests } from "@/lib/whattalk/budget";
import { resetCacheForTests } from "@/lib/whattalk/cache";
import { resetUnauthorizedDedupeForTests } from "@/lib/whattalk/client";
import { resetLastUsedThrottleForTests } from "@/lib/credentials/mark";
import { resetLearnedForTests } from "@/lib/directory/learn";
import { startSimulator, type Simulator } from "@/tools/whattalk-sim/server";
import { withSimulator as simulatorForSuite } from "../unit/whattalk-helpers";
export { rejection } from "../unit/whattalk-helpers";

export const ALPHA = "wt_demo_alpha";
export const BETA = "wt_demo_beta";
export const ANCHOR = "2025-03-31T22:30:00Z";

export const key32 = () => crypto.randomBytes(32).toString("base64");

export function setEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
}

export async function startSim(): Promise<Simulator> {
  const sim = await startSimulator({ port: 0, anchor: ANCHOR, quiet: true });
  setEnv({ WHATTALK_API_URL: sim.apiUrl, WHATTALK_TIMEOUT_MS: "2000", WHATTALK_MAX_RETRIES: "1", WHATTALK_TEAM_BUDGET_PER_MINUTE: "10000", REDIS_URL: undefined });
  return sim;
}

/**
 * A simulator for the whole test file, handed to `use` once started: reset before each test, with
 * WHATTALK_API_URL pointing at it and fresh client state; closed after the file.
 */
export function withSimulator(use: (sim: Simulator) => void): void {
  simulatorForSuite(use, {
    start: startSim,
    reset: (sim) => {
      if (sim) setEnv({ WHATTALK_API_URL: sim.apiUrl });
      freshClientState();
    },
  });
}

/** Fresh client state between tests (budgets, cache, dedupe, throttles). */
export function freshClientState() {
  resetBudgetsForTests();
  resetCacheForTests();
  resetUnauthorizedDedupeForTests();
  resetLastUsedThrottleForTests();
  resetLearnedForTests();
}

export const uniq = (p = "t") => `${p}${crypto.randomBytes(4).toString("hex")}`;

/** A team with one member per role; `actor(role)` acts as that member. */
export async function makeTeam() {
  const slug = uniq("team-");
  const team = await db().team.create({ data: { name: `Team ${slug}`, slug }, select: { id: true, slug: true } });
  const members = {} as Record<Role, { userId: string; email: string; membershipId: string }>;
  for (const role of ["OWNER", "ADMIN", "SUPERVISOR", "AGENT"] as const) {
    const email = `${uniq(role.toLowerCase())}@example.test`;
    const user = await db().user.create({ data: { email, name: `${role} ${slug}` }, select: { id: true } });
    const m = await db().membership.create({ data: { teamId: team.id, userId: user.id, role }, select: { id: true } });
    members[role] = { userId: user.id, email, membershipId: m.id };
  }
  const actor = (role: Role = "ADMIN"): TeamActor => ({ kind: "member", teamId: team.id, ...members[role] });
  return { ...team, members, actor };
}


/** Every audit row of a team as JSON text (for "never contains the secret" checks). */
export async function auditText(teamId?: string): Promise<string> {
  const rows = await db().auditEvent.findMany({ where: teamId ? { teamId } : {} });
  return JSON.stringify(rows);
}
