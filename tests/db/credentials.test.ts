// The team's WhatTalk API key: stored encrypted, tested against a real simulator, replaced with a new
// row id, removed; the context other features use, and what happens when the key stops working.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { operatorActor } from "@/lib/auth/team-actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { captureLogs, type LogCapture } from "@/lib/logger";
import { decryptSecret, encryptSecret, getKeyRing } from "@/lib/crypto/keyring";
import { whatTalkContextForTeam } from "@/lib/credentials/context";
import { getCredential } from "@/lib/credentials/get-credential";
import { removeCredential } from "@/lib/credentials/remove-credential";
import { saveCredential } from "@/lib/connection/save-credential";
import { testCredential } from "@/lib/credentials/test-credential";
import { listCalls, getCall } from "@/lib/whattalk/client";
import { WhatTalkError } from "@/lib/whattalk/errors";
import { freePort } from "@/tools/stack";
import type { Simulator } from "@/tools/whattalk-sim/server";
import { ALPHA, BETA, auditText, freshClientState, key32, makeTeam, rejection, setEnv, withSimulator, uniq } from "./credentials-helpers";

let sim: Simulator;
let logs: LogCapture;

withSimulator((s) => (sim = s));
beforeEach(() => {
  logs?.stop();
  logs = captureLogs({ level: "debug" });
});

function expectNoCredential(error: unknown, reason: "missing" | "invalid" | "undecryptable") {
  expect(error).toBeInstanceOf(AppError);
  const e = error as AppError;
  expect(e.code).toBe("NO_CREDENTIAL");
  expect(e.status).toBe(409);
  expect(e.details).toMatchObject({ reason, action: expect.stringContaining("WhatTalk connection") });
}

describe("saving a key", () => {
  it("tests it against WhatTalk, stores it encrypted and bound to the team and row, and syncs the assistants", async () => {
    const team = await makeTeam();
    const res = await saveCredential({ actor: team.actor(), label: "Main account", apiKey: `  ${ALPHA}\n` });
    expect(res.credential).toMatchObject({ label: "Main account", last4: "lpha", status: "ok", usable: true, problem: null });
    expect(res.credential.createdBy?.email).toBe(team.members.ADMIN.email);
    expect(res.credential.lastCheckedAt).not.toBeNull();
    expect(res.replaced).toBe(false);
    expect(res.warning).toBeNull();
    expect(res.directory).toMatchObject({ status: "synced", total: 7, added: 7 });
    expect(JSON.stringify(res)).not.toContain(ALPHA);

    const row = await db().apiCredential.findUniqueOrThrow({ where: { teamId: team.id } });
    expect(row.id).toBe(res.credential.id);
    expect(row.ciphertext).toMatch(/^wt1\.k1\./);
    expect(row.ciphertext).not.toContain(ALPHA);
    expect(row.keyId).toBe("k1");
    expect(decryptSecret(getKeyRing(), row.ciphertext, { teamId: team.id, credentialId: row.id })).toBe(ALPHA);

    // One upstream check (per_page 1), then the assistants.
    const api = sim.requests().filter((r) => r.kind === "api");
    expect(api[0]).toMatchObject({ path: "/api/user/calls", query: { per_page: "1" }, keyHint: "lpha", status: 200 });
    expect(api.slice(1).map((r) => r.path)).toEqual(["/api/user/assistants/get"]);

    const assistants = await db().assistant.findMany({ where: { teamId: team.id }, orderBy: { externalId: "asc" } });
    expect(assistants.map((a) => a.externalId)).toEqual([101, 102, 103, 104, 105, 106, 107]);
    expect(new Set(assistants.map((a) => a.source))).toEqual(new Set(["SYNC"]));

    const audit = await db().auditEvent.findMany({ where: { teamId: team.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["credential.added", "directory.synced"]);
    expect(audit[0]).toMatchObject({ actorId: team.members.ADMIN.userId, targetType: "credential", targetId: row.id });
    expect(await auditText(team.id)).not.toContain(ALPHA);
    expect(logs.lines.join("\n")).not.toContain(ALPHA);
  });

  it("replaces a key with a NEW row id in one step, and the context follows the new row", async () => {
    const team = await makeTeam();
    const first = await saveCredential({ actor: team.actor(), label: "Old", apiKey: ALPHA });
    const ctxOld = await whatTalkContextForTeam(operatorActor(team.id));
    expect(ctxOld.credentialId).toBe(first.credential.id);

    const second = await saveCredential({ actor: team.actor("OWNER"), label: "New", apiKey: BETA });
    expect(second.replaced).toBe(true);
    expect(second.credential.id).not.toBe(first.credential.id);
    expect(second.credential).toMatchObject({ label: "New", last4: "beta", status: "ok" });
    expect(await db().apiCredential.count({ where: { teamId: team.id } })).toBe(1);
    expect(await db().apiCredential.findUnique({ where: { id: first.credential.id } })).toBeNull();

    const ctx = await whatTalkContextForTeam(operatorActor(team.id));
    expect(ctx.credentialId).toBe(second.credential.id);
    const page = await listCalls(ctx, { per_page: 5 });
    // Beta's account: its assistants are 201–203.
    expect(page.data.data.every((c) => c.assistant_id === null || (c.assistant_id >= 201 && c.assistant_id <= 203))).toBe(true);

    const replaced = await db().auditEvent.findFirstOrThrow({ where: { teamId: team.id, action: "credential.replaced" } });
    expect(replaced.data).toMatchObject({ label: "New", last4: "beta", previous: { id: first.credential.id, label: "Old", last4: "lpha" } });
    expect(await auditText(team.id)).not.toMatch(/wt_demo_(alpha|beta)/);
    // The directory now follows the new account: alpha's synced assistants are gone.
    const ids = (await db().assistant.findMany({ where: { teamId: team.id, source: "SYNC" } })).map((a) => a.externalId).sort();
    expect(ids).toEqual([201, 202, 203]);
  });

  it("refuses a key WhatTalk rejects, with a clear message and nothing stored (the previous key stays)", async () => {
    const team = await makeTeam();
    await saveCredential({ actor: team.actor(), label: "Good", apiKey: ALPHA });
    const before = await db().apiCredential.findUniqueOrThrow({ where: { teamId: team.id } });
    const canary = `wt_canary_${uniq("")}`;
    const error = await rejection(saveCredential({ actor: team.actor(), label: "Bad", apiKey: canary }));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "BAD_REQUEST", details: { reason: "rejected" } });
    expect((error as AppError).message).toMatch(/WhatTalk rejected this API key/);
    expect((error as AppError).fieldErrors?.apiKey?.[0]).toMatch(/rejected/);
    expect(JSON.stringify({ ...(error as AppError), message: (error as AppError).message })).not.toContain(canary);

    const after = await db().apiCredential.findUniqueOrThrow({ where: { teamId: team.id } });
    expect(after).toEqual(before);
    expect(await db().auditEvent.count({ where: { teamId: team.id, action: { in: ["credential.replaced", "credential.marked_invalid"] } } })).toBe(0);
    expect(await auditText()).not.toContain(canary);
    expect(logs.lines.join("\n")).not.toContain(canary);
  });

  it("validates the key's format without echoing it", async () => {
    const team = await makeTeam();
    for (const [apiKey, message] of [
      ["", /Enter the API key/],
      ["short", /at least 8/],
      ["has a space inside", /printable characters without spaces/],
      ["x".repeat(513), /at most 512/],
      ["wt_\u0000control", /printable/],
    ] as const) {
      const error = (await rejection(saveCredential({ actor: team.actor(), apiKey }))) as AppError;
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.fieldErrors?.apiKey?.join(" ")).toMatch(message);
      if (apiKey) expect(JSON.stringify(error.fieldErrors)).not.toContain(apiKey);
    }
    expect(await db().apiCredential.count({ where: { teamId: team.id } })).toBe(0);
    expect(sim.requests().filter((r) => r.kind === "api")).toHaveLength(0);
  });

  it("when WhatTalk is unreachable: refused unless allowUnchecked, then saved as unchecked with a warning", async () => {
    const team = await makeTeam();
    setEnv({ WHATTALK_API_URL: `http://127.0.0.1:${await freePort()}/api` });
    const error = (await rejection(saveCredential({ actor: team.actor(), label: "Offline", apiKey: ALPHA }))) as AppError;
    expect(error.code).toBe("UPSTREAM_ERROR");
    expect(error.details).toMatchObject({ reason: "unverified", upstream: "unreachable" });
    expect(error.message).toMatch(/could not be checked/);
    expect(await db().apiCredential.count({ where: { teamId: team.id } })).toBe(0);

    const res = await saveCredential({ actor: team.actor(), label: "Offline", apiKey: ALPHA, allowUnchecked: true });
    expect(res.credential).toMatchObject({ status: "unchecked", usable: true, lastCheckedAt: null });
    expect(res.credential.statusNote).toMatch(/could not be reached/);
    expect(res.warning).toMatch(/saved as unchecked/);
    expect(res.directory).toBeNull();
    // An unchecked key is usable by the other features.
    setEnv({ WHATTALK_API_URL: sim.apiUrl });
    const ctx = await whatTalkContextForTeam(operatorActor(team.id));
    expect((await listCalls(ctx, { per_page: 1 })).data.total).toBeGreaterThan(0);
  });

  it("treats 5xx like unreachable (saved unchecked only when allowed)", async () => {
    const team = await makeTeam();
    sim.setFaults({ failNext: { count: 2, status: 503 } });
    const error = (await rejection(saveCredential({ actor: team.actor(), apiKey: ALPHA }))) as AppError;
    expect(error.details).toMatchObject({ reason: "unverified", upstream: "upstream_error" });
    sim.setFaults({ failNext: { count: 2, status: 500 } });
    const res = await saveCredential({ actor: team.actor(), apiKey: ALPHA, allowUnchecked: true });
    expect(res.credential.status).toBe("unchecked");
    expect(res.credential.label).toBe("WhatTalk API key");
  });

  it("only admins and owners may save, test or remove a key", async () => {
    const team = await makeTeam();
    for (const role of ["SUPERVISOR", "AGENT"] as const) {
      expect(await rejection(saveCredential({ actor: team.actor(role), apiKey: ALPHA }))).toMatchObject({ code: "FORBIDDEN" });
      expect(await rejection(testCredential({ actor: team.actor(role) }))).toMatchObject({ code: "FORBIDDEN" });
      expect(await rejection(removeCredential({ actor: team.actor(role) }))).toMatchObject({ code: "FORBIDDEN" });
    }
    const other = await makeTeam();
    // A member of another team acting on this one: 404.
    const stranger = { ...other.actor("OWNER"), teamId: team.id };
    expect(await rejection(saveCredential({ actor: stranger, apiKey: ALPHA }))).toMatchObject({ code: "NOT_FOUND" });
    expect(sim.requests().filter((r) => r.kind === "api")).toHaveLength(0);
  });
});

describe("removing a key", () => {
  it("deletes the row, records it, and the context then reports a missing key", async () => {
    const team = await makeTeam();
    const saved = await saveCredential({ actor: team.actor(), label: "To go", apiKey: ALPHA });
    const res = await removeCredential({ actor: team.actor() });
    expect(res.removed).toEqual({ id: saved.credential.id, label: "To go", last4: "lpha" });
    expect(await getCredential(operatorActor(team.id))).toBeNull();
    expectNoCredential(await rejection(whatTalkContextForTeam(operatorActor(team.id))), "missing");
    const audit = await db().auditEvent.findFirstOrThrow({ where: { teamId: team.id, action: "credential.removed" } });
    expect(audit.data).toEqual({ label: "To go", last4: "lpha" });
    expect(await rejection(removeCredential({ actor: team.actor() }))).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("whatTalkContextForTeam", () => {
  it("decrypts only when a request goes upstream, and records the last use at most once a minute", async () => {
    const team = await makeTeam();
    await saveCredential({ actor: team.actor(), apiKey: ALPHA });
    // The sync after saving used the key; start from "never used".
    await db().apiCredential.update({ where: { teamId: team.id }, data: { lastUsedAt: null } });
    freshClientState();
    const ctx = await whatTalkContextForTeam(operatorActor(team.id));
    expect(ctx.teamId).toBe(team.id);
    expect(typeof ctx.apiKey).toBe("function");
    expect(JSON.stringify(ctx)).not.toContain(ALPHA);
    expect((await getCredential(operatorActor(team.id)))?.lastUsedAt).toBeNull();

    const apiKey = vi.fn(ctx.apiKey as () => Promise<string>);
    const counted = { ...ctx, apiKey };
    // (Completed calls only: pages with live calls are never cached.)
    await listCalls(counted, { per_page: 3, status: "completed" });
    await listCalls(counted, { per_page: 3, status: "completed" }); // cache hit: no decryption
    expect(apiKey).toHaveBeenCalledTimes(1);

    await vi.waitFor(async () => expect((await getCredential(operatorActor(team.id)))?.lastUsedAt).not.toBeNull());
    const firstUse = (await getCredential(operatorActor(team.id)))!.lastUsedAt;
    await listCalls(counted, { per_page: 4 });
    await getCall(counted, sim.dataset.accounts[0].calls[0].id);
    expect(apiKey).toHaveBeenCalledTimes(3);
    await new Promise((r) => setTimeout(r, 100));
    expect((await getCredential(operatorActor(team.id)))!.lastUsedAt).toBe(firstUse);
  });

  it("charges a member's requests to that member's share (memberId from the access), an operator's to the team only", async () => {
    const team = await makeTeam();
    await saveCredential({ actor: team.actor(), apiKey: ALPHA });
    expect((await whatTalkContextForTeam(team.actor("AGENT"))).memberId).toBe(team.members.AGENT.userId);
    expect((await whatTalkContextForTeam(operatorActor(team.id))).memberId).toBeUndefined();
  });

  it("NO_CREDENTIAL when there is no key, when WhatTalk rejected it, or when it cannot be decrypted", async () => {
    const team = await makeTeam();
    expectNoCredential(await rejection(whatTalkContextForTeam(operatorActor(team.id))), "missing");
    await saveCredential({ actor: team.actor(), apiKey: ALPHA });
    await db().apiCredential.update({ where: { teamId: team.id }, data: { status: "INVALID" } });
    expectNoCredential(await rejection(whatTalkContextForTeam(operatorActor(team.id))), "invalid");
    expect((await getCredential(operatorActor(team.id)))?.problem?.reason).toBe("invalid");
  });

  it("a ciphertext copied to another team's row does not decrypt: NO_CREDENTIAL undecryptable, flagged, no crash", async () => {
    const a = await makeTeam();
    const b = await makeTeam();
    await saveCredential({ actor: a.actor(), apiKey: ALPHA });
    await saveCredential({ actor: b.actor(), apiKey: BETA });
    const bRow = await db().apiCredential.findUniqueOrThrow({ where: { teamId: b.id } });
    await db().apiCredential.update({ where: { teamId: a.id }, data: { ciphertext: bRow.ciphertext } });

    // Well-formed and made with a known key, so the context is handed out; the decryption fails.
    const ctx = await whatTalkContextForTeam(operatorActor(a.id));
    expectNoCredential(await rejection(listCalls(ctx, { per_page: 1 })), "undecryptable");
    expect(sim.requests().filter((r) => r.kind === "api" && r.path === "/api/user/calls" && r.keyHint === "beta")).toHaveLength(1); // only b's save check

    // The flag is written after the answer (lib/after-response.ts).
    await vi.waitFor(async () => expect((await getCredential(operatorActor(a.id)))?.problem?.reason).toBe("undecryptable"));
    expectNoCredential(await rejection(whatTalkContextForTeam(operatorActor(a.id))), "undecryptable");
    const dto = await getCredential(operatorActor(a.id));
    expect(dto).toMatchObject({ usable: false, problem: { reason: "undecryptable", message: expect.stringContaining("encryption keys changed") } });
    const marked = await db().auditEvent.findFirstOrThrow({ where: { teamId: a.id, action: "credential.marked_invalid" } });
    expect(marked.data).toMatchObject({ reason: "undecryptable", detail: "authentication_failed" });
    // b is unaffected.
    expect((await listCalls(await whatTalkContextForTeam(operatorActor(b.id)), { per_page: 1 })).data.total).toBeGreaterThan(0);

    // Entering the key again (a new row) clears it.
    await saveCredential({ actor: a.actor(), apiKey: ALPHA });
    expect((await getCredential(operatorActor(a.id)))?.usable).toBe(true);
  });

  it("a ciphertext moved to another credential id of the same team does not decrypt", async () => {
    const team = await makeTeam();
    const saved = await saveCredential({ actor: team.actor(), apiKey: ALPHA });
    await db().apiCredential.update({ where: { id: saved.credential.id }, data: { id: `${saved.credential.id}x` } });
    const ctx = await whatTalkContextForTeam(operatorActor(team.id));
    expectNoCredential(await rejection(getCall(ctx, 10001)), "undecryptable");
    await vi.waitFor(async () => expect((await getCredential(operatorActor(team.id)))?.problem?.reason).toBe("undecryptable"));
    expectNoCredential(await rejection(whatTalkContextForTeam(operatorActor(team.id))), "undecryptable");
  });

  it("a key ring without the key (the server's keys changed) makes the key unusable with a clear message", async () => {
    const team = await makeTeam();
    await saveCredential({ actor: team.actor(), apiKey: ALPHA });
    const original = process.env.APP_ENCRYPTION_KEYS!;
    try {
      // Another key under another id: known up front, without decrypting.
      setEnv({ APP_ENCRYPTION_KEYS: `k9:${key32()}` });
      expect((await getCredential(operatorActor(team.id)))?.problem?.reason).toBe("undecryptable");
      expectNoCredential(await rejection(whatTalkContextForTeam(operatorActor(team.id))), "undecryptable");
      expect(await testCredential({ actor: team.actor() })).toMatchObject({ result: "undecryptable", credential: { usable: false } });
      // Other bytes under the same id: found out on decryption.
      setEnv({ APP_ENCRYPTION_KEYS: original });
      const team2 = await makeTeam();
      await saveCredential({ actor: team2.actor(), apiKey: ALPHA });
      setEnv({ APP_ENCRYPTION_KEYS: `k1:${key32()}` });
      const ctx = await whatTalkContextForTeam(operatorActor(team2.id));
      expectNoCredential(await rejection(listCalls(ctx, { per_page: 2 })), "undecryptable");
      await vi.waitFor(async () => expect((await getCredential(operatorActor(team2.id)))?.problem?.reason).toBe("undecryptable"));
      // The old ring comes back: "Test connection" finds the key readable again and clears the flag.
      setEnv({ APP_ENCRYPTION_KEYS: original });
      expect((await getCredential(operatorActor(team2.id)))?.usable).toBe(false);
      expect(await testCredential({ actor: team2.actor() })).toMatchObject({ result: "ok", credential: { usable: true, status: "ok" } });
      expect((await listCalls(await whatTalkContextForTeam(operatorActor(team2.id)), { per_page: 2 })).data.data).toHaveLength(2);
    } finally {
      setEnv({ APP_ENCRYPTION_KEYS: original });
    }
  });

  it("a 401 from WhatTalk marks the credential INVALID once, with an audit entry and a log line", async () => {
    const team = await makeTeam();
    const saved = await saveCredential({ actor: team.actor(), apiKey: ALPHA });
    const wrong = `wt_revoked_${uniq("")}`;
    // The account revoked the key: store an encryption of a key WhatTalk does not know.
    await db().apiCredential.update({
      where: { id: saved.credential.id },
      data: { ciphertext: encryptSecret(getKeyRing(), wrong, { teamId: team.id, credentialId: saved.credential.id }) },
    });
    const ctx = await whatTalkContextForTeam(operatorActor(team.id));
    const results = await Promise.allSettled([listCalls(ctx, { per_page: 2 }), listCalls(ctx, { per_page: 3 }), getCall(ctx, 10001)]);
    for (const r of results) {
      expect(r.status).toBe("rejected");
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(WhatTalkError);
      expect((r as PromiseRejectedResult).reason).toMatchObject({ kind: "unauthorized" });
    }
    await vi.waitFor(async () => expect((await getCredential(operatorActor(team.id)))?.status).toBe("invalid"));
    expect(await db().auditEvent.count({ where: { teamId: team.id, action: "credential.marked_invalid" } })).toBe(1);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { teamId: team.id, action: "credential.marked_invalid" } });
    expect(audit).toMatchObject({ actorId: null, targetId: saved.credential.id, data: { reason: "rejected", httpStatus: 401 } });
    expect(logs.records().some((l) => l.msg === "WhatTalk rejected the team's API key: marked invalid" && l.teamId === team.id)).toBe(true);
    expectNoCredential(await rejection(whatTalkContextForTeam(operatorActor(team.id))), "invalid");
    expect(logs.lines.join("\n")).not.toContain(wrong);
    expect(await auditText()).not.toContain(wrong);
  });
});

describe("test connection", () => {
  it("ok, rejected and unreachable: status follows WhatTalk's answer, each test audited", async () => {
    const team = await makeTeam();
    const saved = await saveCredential({ actor: team.actor(), apiKey: ALPHA });
    const ok = await testCredential({ actor: team.actor("OWNER") });
    expect(ok).toMatchObject({ result: "ok", message: expect.stringMatching(/Connected/), credential: { status: "ok", usable: true } });

    await db().apiCredential.update({
      where: { id: saved.credential.id },
      data: { ciphertext: encryptSecret(getKeyRing(), "wt_not_a_real_key", { teamId: team.id, credentialId: saved.credential.id }) },
    });
    const rejected = await testCredential({ actor: team.actor() });
    expect(rejected).toMatchObject({ result: "rejected", credential: { status: "invalid", usable: false, problem: { reason: "invalid" } } });

    setEnv({ WHATTALK_API_URL: `http://127.0.0.1:${await freePort()}/api` });
    const unreachable = await testCredential({ actor: team.actor() });
    expect(unreachable).toMatchObject({ result: "unreachable", message: expect.stringMatching(/could not be reached/), credential: { status: "invalid" } });

    const tests = await db().auditEvent.findMany({ where: { teamId: team.id, action: "credential.tested" }, orderBy: { createdAt: "asc" } });
    expect(tests.map((t) => (t.data as { result: string }).result)).toEqual(["ok", "rejected", "unreachable"]);
    // Testing never marks through the 401 hook (the test records its own result).
    expect(await db().auditEvent.count({ where: { teamId: team.id, action: "credential.marked_invalid" } })).toBe(0);
    expectNoCredential(await rejection(testCredential({ actor: (await makeTeam()).actor() })), "missing");
  });
});
