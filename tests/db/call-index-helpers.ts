// Shared set-up for the call index sync tests: a simulator anchored now (so its calls fall in the
// retention window), teams with a stored key, runs driven to completion, the simulator's control API.
import { operatorActor } from "@/lib/auth/team-actor";
import { db } from "@/lib/db";
import { encryptSecret, getKeyRing } from "@/lib/crypto/keyring";
import { runTeamSync, type SyncRunOptions, type SyncRunResult } from "@/lib/call-index/sync";
import { callInstant } from "@/tools/whattalk-sim/data";
import { startSimulator, type Simulator } from "@/tools/whattalk-sim/server";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { freshClientState, makeTeam, setEnv, uniq } from "./credentials-helpers";

export const TZ = { wt_demo_alpha: "Europe/Istanbul", wt_demo_beta: "Europe/Berlin", wt_demo_gamma: "America/New_York" } as const;
export type DemoKey = keyof typeof TZ;

/** A simulator whose history ends now: the last days' calls are inside a short retention window. */
export async function startSyncSim(): Promise<Simulator> {
  const sim = await startSimulator({ port: 0, anchor: new Date().toISOString(), quiet: true });
  setEnv({
    WHATTALK_API_URL: sim.apiUrl,
    WHATTALK_TIMEOUT_MS: "2000",
    WHATTALK_MAX_RETRIES: "0",
    WHATTALK_TEAM_BUDGET_PER_MINUTE: "60000",
    INDEX_BUDGET_SHARE: "0.5",
    INDEX_SYNC_SECONDS: "1",
    REDIS_URL: undefined,
  });
  return sim;
}

/** One simulator for the file's tests (startSyncSim), reset with the client's state before each test. */
export function withSyncSim(): () => Simulator {
  let sim: Simulator | undefined;
  beforeAll(async () => {
    sim = await startSyncSim();
  });
  afterAll(async () => {
    await sim?.close();
  });
  beforeEach(() => {
    sim!.reset();
    freshClientState();
  });
  return () => sim!;
}

/** Stores `key` as the team's credential (a new credential row each time: a changed key). */
export async function setTeamKey(teamId: string, key: string): Promise<string> {
  const id = uniq("cred");
  await db().apiCredential.deleteMany({ where: { teamId } });
  await db().apiCredential.create({
    data: { id, teamId, label: "Test key", last4: key.slice(-4), keyId: getKeyRing().primaryId, ciphertext: encryptSecret(getKeyRing(), key, { teamId, credentialId: id }), status: "OK" },
  });
  return id;
}

/** A team with its index on (`days` of retention) and `key` stored. */
export async function indexedTeam(key: DemoKey, days = 2) {
  const team = await makeTeam();
  await db().team.update({ where: { id: team.id }, data: { timeZone: TZ[key], indexRetentionDays: days } });
  const credentialId = await setTeamKey(team.id, key);
  return { ...team, credentialId, key, days };
}

/** Runs until the team's run is neither backfilling nor yielded (or `max` runs). */
export async function syncUntilIdle(teamId: string, opts: SyncRunOptions = {}, max = 200): Promise<SyncRunResult[]> {
  const results: SyncRunResult[] = [];
  for (let i = 0; i < max; i++) {
    const r = await runTeamSync(operatorActor(teamId), opts);
    results.push(r);
    if (r.outcome !== "backfilling" && r.outcome !== "yielded") return results;
  }
  throw new Error(`still syncing after ${max} runs`);
}

/** The account's current calls created at or after `cutoff` (what the index must hold). */
export function expectedIds(sim: Simulator, key: DemoKey, cutoff: Date): number[] {
  return sim
    .calls(key)
    .filter((c) => callInstant(c, TZ[key]) >= cutoff.getTime())
    .map((c) => c.id)
    .sort((a, b) => a - b);
}

export async function indexedIds(teamId: string): Promise<number[]> {
  const rows = await db().indexedCall.findMany({ where: { teamId }, select: { callId: true }, orderBy: { callId: "asc" } });
  return rows.map((r) => r.callId);
}

/** The simulator's control API over HTTP. */
export async function control(sim: Simulator, method: "POST" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${sim.url}/__control${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** Deletes a call at the simulator as WhatTalk's API does. */
export async function deleteUpstream(sim: Simulator, key: string, id: number): Promise<void> {
  const res = await fetch(`${sim.apiUrl}/user/calls/${id}`, { method: "DELETE", headers: { authorization: `Bearer ${key}` } });
  if (!res.ok) throw new Error(`delete ${id}: ${res.status}`);
}

/** List requests of the sync recorded by the simulator (`query` as received). */
export const listRequests = (sim: Simulator) => sim.requests().filter((r) => r.kind === "api" && r.path === "/api/user/calls");
