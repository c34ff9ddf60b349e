// Key rotation (k1 → "k2,k1"): every key stays readable, a second run does nothing, an interrupted
// run completes, concurrent runs never clobber each other; and the admin CLI's key:set / keys:rotate.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { captureLogs } from "@/lib/logger";
import { decryptSecret, getKeyRing, reencryptSecret } from "@/lib/crypto/keyring";
import { whatTalkContextForTeam } from "@/lib/credentials/context";
import { getCredential } from "@/lib/credentials/get-credential";
import { rotateCredentialKeys } from "@/lib/credentials/rotate-keys";
import { saveCredential } from "@/lib/connection/save-credential";
import { listCalls } from "@/lib/whattalk/client";
import { main } from "@/tools/cli/main";
import type { Io } from "@/tools/cli/command";
import { COMMANDS } from "@/tools/cli/commands";
import type { Simulator } from "@/tools/whattalk-sim/server";
import { ALPHA, auditText, freshClientState, key32, makeTeam, setEnv, startSim, uniq } from "./credentials-helpers";
import { operatorActor } from "@/lib/auth/team-actor";

let sim: Simulator;
const K1 = `k1:${key32()}`;
const K2 = `k2:${key32()}`;
const K3 = `k3:${key32()}`;

beforeAll(async () => {
  sim = await startSim();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  sim.reset();
  freshClientState();
  setEnv({ APP_ENCRYPTION_KEYS: K1, WHATTALK_API_URL: sim.apiUrl });
  await db().apiCredential.deleteMany({});
});

async function teamsWithKeys(n: number) {
  const teams = [];
  for (let i = 0; i < n; i++) {
    const team = await makeTeam();
    await saveCredential({ actor: team.actor(), apiKey: ALPHA, check: false });
    teams.push(team);
  }
  return teams;
}

/** Every stored key decrypts to the plaintext with the current ring, bound to its own row. */
async function expectAllReadable(keyId: string) {
  const rows = await db().apiCredential.findMany({ select: { id: true, teamId: true, ciphertext: true, keyId: true } });
  for (const row of rows) {
    expect(row.keyId).toBe(keyId);
    expect(row.ciphertext.startsWith(`wt1.${keyId}.`)).toBe(true);
    expect(decryptSecret(getKeyRing(), row.ciphertext, { teamId: row.teamId, credentialId: row.id })).toBe(ALPHA);
  }
  return rows.length;
}

describe("rotateCredentialKeys", () => {
  it("k1 → k2,k1 re-encrypts every key, keeps them readable, and a second run rotates nothing", async () => {
    const teams = await teamsWithKeys(5);
    setEnv({ APP_ENCRYPTION_KEYS: `${K2},${K1}` });
    const first = await rotateCredentialKeys();
    expect(first).toEqual({ primaryKeyId: "k2", total: 5, rotated: 5, alreadyCurrent: 0, failed: [] });
    expect(await expectAllReadable("k2")).toBe(5);

    const second = await rotateCredentialKeys();
    expect(second).toMatchObject({ rotated: 0, alreadyCurrent: 5, failed: [] });

    // The old key can now go: everything still works end to end.
    setEnv({ APP_ENCRYPTION_KEYS: K2 });
    for (const team of teams) {
      expect((await getCredential(operatorActor(team.id)))?.usable).toBe(true);
      expect((await listCalls(await whatTalkContextForTeam(operatorActor(team.id)), { per_page: 1 })).data.data).toHaveLength(1);
    }
    const audits = await db().auditEvent.findMany({ where: { action: "credentials.rotated", teamId: { in: teams.map((t) => t.id) } } });
    expect(audits).toHaveLength(5);
    expect(audits[0].data).toEqual({ fromKeyId: "k1", toKeyId: "k2" });
    expect(await auditText()).not.toContain(ALPHA);
  });

  it("an interrupted run (half the rows done) completes on the next run", async () => {
    await teamsWithKeys(6);
    setEnv({ APP_ENCRYPTION_KEYS: `${K3},${K2},${K1}` });
    // The first run "died" after three rows.
    const rows = await db().apiCredential.findMany({ orderBy: { id: "asc" }, take: 3 });
    for (const row of rows) {
      const next = reencryptSecret(getKeyRing(), row.ciphertext, { teamId: row.teamId, credentialId: row.id });
      await db().apiCredential.update({ where: { id: row.id }, data: { ciphertext: next, keyId: "k3" } });
    }
    const report = await rotateCredentialKeys();
    expect(report).toMatchObject({ total: 6, rotated: 3, alreadyCurrent: 3, failed: [] });
    setEnv({ APP_ENCRYPTION_KEYS: K3 });
    expect(await expectAllReadable("k3")).toBe(6);
  });

  it("two runs at once never overwrite each other (compare-and-set on the old ciphertext)", async () => {
    const teams = await teamsWithKeys(8);
    setEnv({ APP_ENCRYPTION_KEYS: `${K2},${K1}` });
    const [a, b] = await Promise.all([rotateCredentialKeys(), rotateCredentialKeys()]);
    expect(a.failed).toEqual([]);
    expect(b.failed).toEqual([]);
    expect(a.rotated + b.rotated).toBe(8);
    expect(a.rotated + a.alreadyCurrent).toBe(8);
    expect(b.rotated + b.alreadyCurrent).toBe(8);
    setEnv({ APP_ENCRYPTION_KEYS: K2 });
    expect(await expectAllReadable("k2")).toBe(8);
    expect(await db().auditEvent.count({ where: { action: "credentials.rotated", teamId: { in: teams.map((t) => t.id) } } })).toBe(8);
  });

  it("reports keys it cannot decrypt (and flags them) instead of stopping", async () => {
    const [good, bad] = await teamsWithKeys(2);
    // bad's value was made with a key nobody has any more.
    setEnv({ APP_ENCRYPTION_KEYS: `k0:${key32()}` });
    const lost = await makeTeam();
    await saveCredential({ actor: lost.actor(), apiKey: ALPHA, check: false });
    setEnv({ APP_ENCRYPTION_KEYS: `${K2},${K1}` });
    const report = await rotateCredentialKeys();
    expect(report.rotated).toBe(2);
    expect(report.failed).toEqual([{ credentialId: expect.any(String), teamId: lost.id, teamSlug: lost.slug, reason: expect.stringContaining('"k0"') }]);
    expect((await getCredential(operatorActor(lost.id)))?.problem?.reason).toBe("undecryptable");
    expect((await getCredential(operatorActor(good.id)))?.usable).toBe(true);
    expect((await getCredential(operatorActor(bad.id)))?.usable).toBe(true);
  });
});

describe("admin CLI", () => {
  function io(stdin = "") {
    const out: string[] = [];
    const err: string[] = [];
    const value: Io = { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: async () => stdin, stdinIsTTY: false, readSecret: () => Promise.reject(new Error("not a terminal")) };
    return { io: value, out, err, all: () => [...out, ...err].join("\n") };
  }

  it("lists key:set and keys:rotate", async () => {
    const t = io();
    expect(await main(["--help"], t.io, COMMANDS)).toBe(0);
    expect(t.all()).toMatch(/key:set/);
    expect(t.all()).toMatch(/keys:rotate/);
  });

  it("key:set stores a key from a file or stdin, tests it, and never prints it", async () => {
    const team = await makeTeam();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyset-"));
    const file = path.join(dir, "key");
    fs.writeFileSync(file, `${ALPHA}\n`);
    const logs = captureLogs({ level: "debug" });
    try {
      const a = io();
      expect(await main(["key:set", "--team", team.slug, "--key-file", file, "--label", "From file"], a.io, COMMANDS)).toBe(0);
      expect(a.all()).toMatch(/Stored the WhatTalk API key "From file" \(•••• lpha\) of team .*: status ok/);
      expect(a.all()).toMatch(/Assistants synced from WhatTalk: 7/);
      expect((await getCredential(operatorActor(team.id)))?.status).toBe("ok");

      const b = io(`${ALPHA}\n`);
      expect(await main(["key:set", "--team", team.slug, "--key-file", "-"], b.io, COMMANDS)).toBe(0);
      expect(b.all()).toMatch(/Replaced/);

      // A canary WhatTalk rejects: refused (exit 1) unless --no-check, which stores it unchecked.
      const canary = `wt_canary_${uniq("")}`;
      const c = io(canary);
      expect(await main(["key:set", "--team", team.slug], c.io, COMMANDS)).toBe(1);
      expect(c.all()).toMatch(/WhatTalk rejected this API key/);
      const d = io(canary);
      expect(await main(["key:set", "--team", team.slug, "--no-check"], d.io, COMMANDS)).toBe(0);
      expect(d.all()).toMatch(/status unchecked/);
      expect((await getCredential(operatorActor(team.id)))).toMatchObject({ status: "unchecked", last4: canary.slice(-4) });
      for (const t of [a, b, c, d]) {
        expect(t.all()).not.toContain(canary);
        expect(t.all()).not.toContain(ALPHA);
      }
      expect(logs.lines.join("\n")).not.toContain(canary);
      expect(await auditText(team.id)).not.toContain(canary);
      const actions = (await db().auditEvent.findMany({ where: { teamId: team.id, action: { startsWith: "credential." } }, orderBy: { createdAt: "asc" } })).map((e) => [e.action, e.actorLabel]);
      expect(actions).toEqual([
        ["credential.added", "operator:cli"],
        ["credential.replaced", "operator:cli"],
        ["credential.replaced", "operator:cli"],
      ]);
    } finally {
      logs.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("key:set refuses the key as an argument, an unknown team and an unreadable file", async () => {
    const team = await makeTeam();
    const a = io();
    expect(await main(["key:set", "--team", team.slug, "--key", ALPHA], a.io, COMMANDS)).toBe(2);
    expect(a.all()).not.toContain(ALPHA);
    const b = io(ALPHA);
    expect(await main(["key:set", "--team", "no-such-team"], b.io, COMMANDS)).toBe(1);
    expect(b.all()).toMatch(/No team with slug/);
    const c = io();
    expect(await main(["key:set", "--team", team.slug, "--key-file", "/nonexistent/key"], c.io, COMMANDS)).toBe(2);
    expect(await db().apiCredential.count({ where: { teamId: team.id } })).toBe(0);
  });

  it("keys:rotate reports what it did and is safe to run twice", async () => {
    await teamsWithKeys(3);
    setEnv({ APP_ENCRYPTION_KEYS: `${K2},${K1}` });
    const first = io();
    expect(await main(["keys:rotate"], first.io, COMMANDS)).toBe(0);
    expect(first.all()).toMatch(/3 rotated, 0 already current, 0 failed \(of 3\)/);
    const second = io();
    expect(await main(["keys:rotate"], second.io, COMMANDS)).toBe(0);
    expect(second.all()).toMatch(/0 rotated, 3 already current, 0 failed/);
    expect(second.all()).toMatch(/Nothing to do/);
  });

  it("keys:rotate exits 1 and names the teams whose keys it could not re-encrypt", async () => {
    setEnv({ APP_ENCRYPTION_KEYS: `k0:${key32()}` });
    const lost = await makeTeam();
    await saveCredential({ actor: lost.actor(), apiKey: ALPHA, check: false });
    setEnv({ APP_ENCRYPTION_KEYS: `${K2},${K1}` });
    const t = io();
    expect(await main(["keys:rotate"], t.io, COMMANDS)).toBe(1);
    expect(t.all()).toContain(lost.slug);
    expect(t.all()).toMatch(/1 failed/);
  });
});
