// The demo seed connects team "demo" to the simulator through the connection service, once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { decryptSecret, getKeyRing } from "@/lib/crypto/keyring";
import { getCredential } from "@/lib/credentials/get-credential";
import { listDirectory } from "@/lib/directory/list-directory";
import { DEMO_WHATTALK_KEY, seedDemo } from "@/prisma/seed";
import type { Simulator } from "@/tools/whattalk-sim/server";
import { auditText, freshClientState, startSim } from "./credentials-helpers";
import { operatorActor } from "@/lib/auth/team-actor";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSim();
  freshClientState();
});
afterAll(async () => {
  await sim.close();
});

describe("demo seed: WhatTalk connection", () => {
  it("stores the simulator key (tested: ok), syncs the assistants, and a second run changes nothing", async () => {
    const lines: string[] = [];
    await seedDemo({ log: (l) => lines.push(l) });
    const team = await db().team.findUniqueOrThrow({ where: { slug: "demo" } });
    const credential = await getCredential(operatorActor(team.id));
    expect(credential).toMatchObject({ label: "Demo account (simulator)", last4: "lpha", status: "ok", usable: true, createdBy: null });
    const row = await db().apiCredential.findUniqueOrThrow({ where: { teamId: team.id } });
    expect(decryptSecret(getKeyRing(), row.ciphertext, { teamId: team.id, credentialId: row.id })).toBe(DEMO_WHATTALK_KEY);
    const dir = await listDirectory(operatorActor(team.id));
    expect(dir.assistants.map((a) => a.id)).toEqual([101, 102, 103, 104, 105, 106, 107]);
    expect(dir.sync.syncedAt).not.toBeNull();
    expect(lines.join("\n")).toMatch(/WhatTalk API key stored for team "demo": ok/);
    expect(lines.join("\n")).not.toContain(DEMO_WHATTALK_KEY);
    expect(await auditText(team.id)).not.toContain(DEMO_WHATTALK_KEY);

    const snapshot = async () => ({
      credential: await db().apiCredential.findUniqueOrThrow({ where: { teamId: team.id } }),
      team: await db().team.findUniqueOrThrow({ where: { id: team.id } }),
      assistants: await db().assistant.findMany({ where: { teamId: team.id }, orderBy: { externalId: "asc" } }),
      audit: await db().auditEvent.count({ where: { teamId: team.id } }),
    });
    const before = await snapshot();
    sim.clearRequests();
    await seedDemo({ log: (l) => lines.push(l) });
    expect(await snapshot()).toEqual(before);
    expect(sim.requests()).toEqual([]);
    expect(lines.at(-1)).toBe("Demo data already present.");
  });
});
