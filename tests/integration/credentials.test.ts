// The WhatTalk connection over HTTP against the production build: who may call each route, what the
// routes answer, and THE CANARY: a key stored through the UI path and through the CLI never appears
// in any response body or header, page HTML, RSC payload, the app's log file or the audit log.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { appLog, Client, createTeam, createUser, simControl, stack, teamWithRoles } from "./helpers";
import { allowedRole, API_ENTRIES, getRsc, PAGE_ENTRIES, prepareFixture, send } from "./entry-points";

type Team = Awaited<ReturnType<typeof teamWithRoles>>;

const ROOT = path.resolve(__dirname, "../..");
const ALPHA = "wt_demo_alpha";

/** Every route of this feature: [method, path (relative to /api/teams/{id}), body, who may call it]. */
const ROUTES: { method: "GET" | "PUT" | "POST" | "DELETE"; path: string; body?: unknown; allowed: ("OWNER" | "ADMIN" | "SUPERVISOR" | "AGENT")[] }[] = [
  { method: "GET", path: "/credential", allowed: ["OWNER", "ADMIN"] },
  { method: "PUT", path: "/credential", body: { label: "x", apiKey: "wt_something_long" }, allowed: ["OWNER", "ADMIN"] },
  { method: "DELETE", path: "/credential", allowed: ["OWNER", "ADMIN"] },
  { method: "POST", path: "/credential/test", body: {}, allowed: ["OWNER", "ADMIN"] },
  { method: "GET", path: "/directory", allowed: ["OWNER", "ADMIN", "SUPERVISOR", "AGENT"] },
  { method: "POST", path: "/directory/sync", body: {}, allowed: ["OWNER", "ADMIN", "SUPERVISOR"] },
  { method: "POST", path: "/directory/assistants", body: { id: 1, name: "x" }, allowed: ["OWNER", "ADMIN", "SUPERVISOR"] },
  { method: "DELETE", path: "/directory/assistants/1", allowed: ["OWNER", "ADMIN", "SUPERVISOR"] },
  { method: "POST", path: "/directory/campaigns", body: { id: 1, name: "x" }, allowed: ["OWNER", "ADMIN", "SUPERVISOR"] },
  { method: "DELETE", path: "/directory/campaigns/1", allowed: ["OWNER", "ADMIN", "SUPERVISOR"] },
];

function call(client: Client, teamId: string, r: (typeof ROUTES)[number]) {
  const url = `/api/teams/${teamId}${r.path}`;
  return client.request(url, { method: r.method, ...(r.body !== undefined ? { json: r.body } : {}) });
}

/** Runs the admin CLI the way an operator does, with the stack's database and key ring. */
function portal(args: string[], stdin: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "tools/cli/portal.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, ...stack().env, NEXTAUTH_URL: stack().appUrl, NODE_ENV: "production" },
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
    child.stdin.end(stdin);
  });
}

describe("who may call the connection and directory routes", () => {
  let t: Team;
  let outsider: Client;
  beforeAll(async () => {
    t = await teamWithRoles();
    const other = await createUser();
    await createTeam({ members: [{ userId: other.id, role: "OWNER" }] });
    outsider = await new Client().signIn(other.email);
  });

  for (const r of ROUTES) {
    it(`${r.method} ${r.path}: 401 signed out, 404 for another team's member, 403 for roles without the scope`, async () => {
      const anon = await call(new Client(), t.team.id, r);
      expect(anon.status).toBe(401);
      expect(anon.headers.get("cache-control")).toContain("no-store");
      expect((await anon.json()).error.code).toBe("UNAUTHENTICATED");
      expect((await call(outsider, t.team.id, r)).status).toBe(404);
      for (const role of ["SUPERVISOR", "AGENT"] as const) {
        if (r.allowed.includes(role)) continue;
        const res = await call(t.clients[role], t.team.id, r);
        expect(res.status, `${role} ${r.method} ${r.path}`).toBe(403);
      }
      expect(await db().apiCredential.count({ where: { teamId: t.team.id } })).toBe(0);
    });
  }

  it("every member who may read calls may read the directory; agents see only their assistants", async () => {
    await db().assistant.createMany({
      data: [
        { teamId: t.team.id, externalId: 101, name: "A", source: "MANUAL" },
        { teamId: t.team.id, externalId: 102, name: "B", source: "MANUAL" },
      ],
    });
    const agentMembership = await db().membership.findFirstOrThrow({ where: { teamId: t.team.id, userId: t.users.AGENT.id } });
    await db().agentAssignment.create({ data: { teamId: t.team.id, membershipId: agentMembership.id, assistantId: 102, label: "B" } });
    for (const role of ["OWNER", "ADMIN", "SUPERVISOR"] as const) {
      const body = await (await t.clients[role].get(`/api/teams/${t.team.id}/directory`)).json();
      expect(body.assistants.map((a: { id: number }) => a.id)).toEqual([101, 102]);
    }
    const agent = await (await t.clients.AGENT.get(`/api/teams/${t.team.id}/directory`)).json();
    expect(agent.assistants).toEqual([{ id: 102, name: "B", source: "MANUAL" }]);
  });

  it("pages: admins open both settings pages, supervisors only the directory, agents neither", async () => {
    const slug = t.team.slug;
    expect((await t.clients.ADMIN.get(`/teams/${slug}/settings/connection`)).status).toBe(200);
    expect((await t.clients.ADMIN.get(`/teams/${slug}/settings/directory`)).status).toBe(200);
    expect((await t.clients.SUPERVISOR.get(`/teams/${slug}/settings/connection`)).status).toBe(403);
    expect((await t.clients.SUPERVISOR.get(`/teams/${slug}/settings/directory`)).status).toBe(200);
    expect((await t.clients.AGENT.get(`/teams/${slug}/settings/directory`)).status).toBe(403);
  });
});

describe("the connection over HTTP", () => {
  it("save (tested, synced), read metadata only, test, refuse a rejected key, unchecked when WhatTalk is down, remove", async () => {
    const t = await teamWithRoles();
    const admin = t.clients.ADMIN;
    const base = `/api/teams/${t.team.id}`;
    expect(await (await admin.get(`${base}/credential`)).json()).toEqual({ credential: null });

    const saved = await admin.put(`${base}/credential`, { label: "Main", apiKey: ALPHA, role: "OWNER", teamId: "other" });
    expect(saved.status).toBe(200);
    const body = await saved.json();
    expect(body).toMatchObject({ credential: { label: "Main", last4: "lpha", status: "ok", usable: true }, replaced: false, warning: null, directory: { status: "synced", total: 7 } });
    expect(JSON.stringify(body)).not.toContain(ALPHA);

    const got = await (await admin.get(`${base}/credential`)).json();
    expect(Object.keys(got.credential).sort()).toEqual(
      ["createdAt", "createdBy", "id", "label", "last4", "lastCheckedAt", "lastUsedAt", "problem", "status", "statusNote", "usable"].sort(),
    );
    expect(JSON.stringify(got)).not.toMatch(/wt1\.|ciphertext|wt_demo/);

    const dir = await (await t.clients.SUPERVISOR.get(`${base}/directory`)).json();
    expect(dir.assistants).toHaveLength(7);
    expect(dir.sync.syncedAt).not.toBeNull();

    const tested = await admin.post(`${base}/credential/test`);
    expect(tested.status).toBe(200);
    expect(await tested.json()).toMatchObject({ result: "ok", credential: { status: "ok" } });

    const rejected = await admin.put(`${base}/credential`, { label: "Wrong", apiKey: "wt_not_a_real_key_123" });
    expect(rejected.status).toBe(400);
    const rejectedBody = await rejected.json();
    expect(rejectedBody.error).toMatchObject({ code: "BAD_REQUEST", reason: "rejected", fieldErrors: { apiKey: [expect.stringMatching(/rejected/)] } });
    expect((await (await admin.get(`${base}/credential`)).json()).credential.label).toBe("Main");

    const invalid = await admin.put(`${base}/credential`, { apiKey: "short" });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error.fieldErrors.apiKey[0]).toMatch(/at least 8/);

    // WhatTalk answers 503 to both attempts (the stack retries once).
    await simControl("/faults", { method: "PATCH", json: { failNext: { count: 2, status: 503 } } });
    const down = await admin.put(`${base}/credential`, { label: "Down", apiKey: ALPHA });
    expect(down.status).toBe(502);
    expect((await down.json()).error).toMatchObject({ code: "UPSTREAM_ERROR", reason: "unverified" });
    await simControl("/faults", { method: "PATCH", json: { failNext: { count: 2, status: 503 } } });
    const unchecked = await admin.put(`${base}/credential`, { label: "Down", apiKey: ALPHA, allowUnchecked: true });
    await simControl("/faults", { method: "PATCH", json: { failNext: null } });
    expect(unchecked.status).toBe(200);
    expect(await unchecked.json()).toMatchObject({ credential: { status: "unchecked", label: "Down" }, replaced: true, warning: expect.stringMatching(/unchecked/) });

    const removed = await admin.delete(`${base}/credential`);
    expect(removed.status).toBe(200);
    expect((await removed.json()).removed).toMatchObject({ label: "Down", last4: "lpha" });
    expect(await (await admin.get(`${base}/credential`)).json()).toEqual({ credential: null });
    const test404 = await admin.post(`${base}/credential/test`);
    expect(test404.status).toBe(409);
    expect((await test404.json()).error).toMatchObject({ code: "NO_CREDENTIAL", reason: "missing" });

    const actions = (await db().auditEvent.findMany({ where: { teamId: t.team.id, action: { startsWith: "credential" } }, orderBy: { createdAt: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["credential.added", "credential.tested", "credential.replaced", "credential.removed"]);
  });

  it("a key the server can no longer decrypt: the page explains it (no crash), the API answers NO_CREDENTIAL undecryptable", async () => {
    const t = await teamWithRoles();
    await t.clients.ADMIN.put(`/api/teams/${t.team.id}/credential`, { label: "Old ring", apiKey: ALPHA });
    // As if the server's key ring had been replaced: the value names a key the ring does not hold.
    const row = await db().apiCredential.findUniqueOrThrow({ where: { teamId: t.team.id } });
    await db().apiCredential.update({ where: { id: row.id }, data: { ciphertext: row.ciphertext.replace(/^wt1\.k1\./, "wt1.k0."), keyId: "k0" } });

    const page = await t.clients.ADMIN.get(`/teams/${t.team.slug}/settings/connection`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("This key can no longer be read");
    expect(html).toContain("Cannot be decrypted");
    expect((await t.clients.ADMIN.get(`/teams/${t.team.slug}/settings/directory`)).status).toBe(200);

    const dto = (await (await t.clients.ADMIN.get(`/api/teams/${t.team.id}/credential`)).json()).credential;
    expect(dto).toMatchObject({ usable: false, problem: { reason: "undecryptable", action: expect.stringMatching(/enter the API key again/) } });
    for (const res of [await t.clients.SUPERVISOR.get(`/api/teams/${t.team.id}/calls`), await t.clients.SUPERVISOR.post(`/api/teams/${t.team.id}/directory/sync`)]) {
      expect(res.status).toBe(409);
      expect((await res.json()).error).toMatchObject({ code: "NO_CREDENTIAL", reason: "undecryptable" });
    }
    const test = await (await t.clients.ADMIN.post(`/api/teams/${t.team.id}/credential/test`)).json();
    expect(test).toMatchObject({ result: "undecryptable", message: expect.stringMatching(/Enter the key again/) });
    // Entering the key again fixes it.
    expect((await (await t.clients.ADMIN.put(`/api/teams/${t.team.id}/credential`, { apiKey: ALPHA })).json()).credential).toMatchObject({ status: "ok", usable: true });
  });

  it("directory edits and sync over HTTP", async () => {
    const t = await teamWithRoles();
    const sup = t.clients.SUPERVISOR;
    const base = `/api/teams/${t.team.id}/directory`;
    const noKey = await sup.post(`${base}/sync`);
    expect(noKey.status).toBe(409);
    expect((await noKey.json()).error).toMatchObject({ code: "NO_CREDENTIAL", reason: "missing", action: expect.stringContaining("WhatTalk connection") });

    const added = await sup.post(`${base}/campaigns`, { id: "7001", name: "Spring" });
    expect(added.status).toBe(201);
    expect(await added.json()).toEqual({ campaign: { id: 7001, name: "Spring", source: "MANUAL" } });
    const bad = await sup.post(`${base}/assistants`, { id: "x", name: "" });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fieldErrors).sort()).toEqual(["id", "name"]);
    expect((await sup.delete(`${base}/campaigns/7001`)).status).toBe(200);
    expect((await sup.delete(`${base}/campaigns/7001`)).status).toBe(404);

    await t.clients.ADMIN.put(`/api/teams/${t.team.id}/credential`, { apiKey: ALPHA });
    await simControl("/faults", { method: "PATCH", json: { assistants404: true } });
    try {
      const unsupported = await sup.post(`${base}/sync`);
      expect(unsupported.status).toBe(200);
      const body = await unsupported.json();
      expect(body.sync).toMatchObject({ status: "unsupported", message: expect.stringMatching(/by hand/) });
      expect(body.directory.sync.error).toMatch(/by hand/);
    } finally {
      await simControl("/faults", { method: "PATCH", json: { assistants404: false } });
    }
    const ok = await (await sup.post(`${base}/sync`)).json();
    expect(ok.sync).toMatchObject({ status: "synced", total: 7 });
    expect(ok.directory.sync.error).toBeNull();
  });
});

describe("the canary", () => {
  const seen: { where: string; text: string }[] = [];
  async function record(where: string, res: Response) {
    const headers = JSON.stringify([...res.headers]);
    const text = await res.text();
    seen.push({ where: `${where} (HTTP ${res.status})`, text: `${headers}\n${text}` });
    return { status: res.status, text, type: res.headers.get("content-type") ?? "" };
  }

  /**
   * Every entry of the entry-point table (tests/integration/entry-points.ts): each route handler
   * sent by a member allowed to call it, each page as HTML and as the RSC payload the router
   * fetches, for a team whose stored key is the canary. Entries that remove something (and put it
   * back) go first, so that the calls routes still use the canary afterwards.
   */
  async function exercise(t: Team, apiKey: string) {
    const f = await prepareFixture(t, apiKey);
    const last4 = apiKey.slice(-4);
    for (const e of [...API_ENTRIES].sort((a, b) => Number(!a.restore) - Number(!b.restore))) {
      const role = allowedRole(e.access);
      const req = await e.request(f, e.access.kind === "public" ? undefined : role);
      await record(`${e.method} ${req.path}`, await send(req.as ?? (e.access.kind === "public" ? new Client() : f.clients[role]), e.method, req));
      await e.restore?.(f);
    }
    // Beyond the table: a key WhatTalk rejects, and the error answer that explains it.
    await record("PUT credential (rejected)", await f.clients.ADMIN.put(`/api/teams/${f.team.id}/credential`, { apiKey: "wt_other_bad_key_1" }));
    for (const p of PAGE_ENTRIES) {
      const client = f.clients[allowedRole(p.access)];
      const pagePath = p.path(f);
      await record(`page ${pagePath}`, await client.get(pagePath));
      const answers = await getRsc(client, pagePath);
      const rsc = await Promise.all(answers.map((res, i) => record(`RSC ${pagePath}${i < answers.length - 1 ? " (redirect)" : ""}`, res)));
      if (p.route === "/teams/[teamSlug]/settings/connection") {
        const payload = rsc[rsc.length - 1];
        expect(payload.type).toContain("text/x-component");
        expect(payload.text).toContain(`"last4":"${last4}"`); // the payload carries the credential's metadata
      }
    }
  }

  /** The canary as it is, and encoded as it could leak: base64, base64url, URL-encoded. */
  function forms(canary: string): string[] {
    const b = Buffer.from(canary);
    return [...new Set([canary, b.toString("base64"), b.toString("base64url"), encodeURIComponent(canary)])];
  }

  function expectNowhere(canary: string) {
    for (const form of forms(canary)) {
      const hits = seen.filter((s) => s.text.includes(form)).map((s) => s.where);
      expect(hits, form).toEqual([]);
    }
  }

  it("stored through the UI path (WhatTalk down, saved unchecked) and through the CLI, never leaves the server", async () => {
    // 1. The UI path: WhatTalk cannot be reached, the admin saves anyway as unchecked.
    const ui = await teamWithRoles();
    const canaryUi = `wt_canary_${crypto.randomBytes(12).toString("hex")}`;
    await simControl("/faults", { method: "PATCH", json: { failNext: { count: 2, status: 503 } } });
    const saved = await record("PUT credential (canary, unchecked)", await ui.clients.ADMIN.put(`/api/teams/${ui.team.id}/credential`, { label: "Canary", apiKey: canaryUi, allowUnchecked: true }));
    await simControl("/faults", { method: "PATCH", json: { failNext: null } });
    expect(saved.status).toBe(200);
    expect(JSON.parse(saved.text).credential).toMatchObject({ status: "unchecked", last4: canaryUi.slice(-4) });
    // The settings page shows the metadata.
    const page = await record("page settings/connection (canary)", await ui.clients.ADMIN.get(`/teams/${ui.team.slug}/settings/connection`));
    expect(page.text).toContain(`•••• ${canaryUi.slice(-4)}`);
    await exercise(ui, canaryUi);
    // WhatTalk refused the canary when the calls were loaded: the key is now marked invalid.
    expect(JSON.parse((await record("GET credential (after)", await ui.clients.ADMIN.get(`/api/teams/${ui.team.id}/credential`))).text).credential.status).toBe("invalid");

    // 2. The CLI path, with --no-check (WhatTalk would refuse it).
    const cli = await teamWithRoles();
    const canaryCli = `wt_canary_${crypto.randomBytes(12).toString("hex")}`;
    const run = await portal(["key:set", "--team", cli.team.slug, "--no-check", "--label", "CLI canary"], `${canaryCli}\n`);
    expect(run.out).toMatch(/Stored the WhatTalk API key "CLI canary"/);
    expect(run.code).toBe(0);
    seen.push({ where: "CLI output", text: run.out });
    expect((await db().apiCredential.findUniqueOrThrow({ where: { teamId: cli.team.id } })).status).toBe("UNCHECKED");
    await exercise(cli, canaryCli);

    // Nowhere: responses (bodies and headers), pages, RSC payloads, the app's log, the audit log.
    for (const canary of [canaryUi, canaryCli]) {
      expectNowhere(canary);
      const log = appLog();
      expect(log).toContain(ui.team.id); // the log is captured and has lines about these teams
      const audit = JSON.stringify(await db().auditEvent.findMany({ where: { teamId: { in: [ui.team.id, cli.team.id] } } }));
      expect(audit).toContain("credential.");
      // At rest only as ciphertext.
      const rows = JSON.stringify(await db().apiCredential.findMany({ where: { teamId: { in: [ui.team.id, cli.team.id] } } }));
      for (const form of forms(canary)) {
        expect(log.includes(form), `log: ${form}`).toBe(false);
        expect(audit.includes(form), `audit: ${form}`).toBe(false);
        expect(rows.includes(form), `rows: ${form}`).toBe(false);
      }
    }
    // Both teams went through the whole table: every route handler, every page and its RSC payload.
    expect(seen.length).toBeGreaterThan(2 * (API_ENTRIES.length + 2 * PAGE_ENTRIES.length));
  });
});
