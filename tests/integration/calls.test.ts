import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { compareNewestFirst } from "@/lib/calls/merge";
import { appLog, assignAssistants, Client, connectTeam, createTeam, createUser, simAllCalls, simControl, simRequests, simUrl, teamWithRoles } from "./helpers";

type ListBody = { calls: Record<string, unknown>[]; page: number; perPage: number; total: number; lastPage: number; meta: Record<string, unknown> };

let t: Awaited<ReturnType<typeof teamWithRoles>>;
const base = () => `/api/teams/${t.team.id}/calls`;
/** Every answer of the calls routes, errors included, is `Cache-Control: no-store`. */
const expectNoStore = (res: Response, what = "") => expect(res.headers.get("cache-control"), `${what} Cache-Control`).toContain("no-store");

beforeAll(async () => {
  t = await teamWithRoles();
  await connectTeam(t.team.id, "wt_demo_alpha");
  await assignAssistants(t.team.id, t.users.AGENT.id, [101, 102]);
});

beforeEach(async () => {
  await simControl("/reset", { method: "POST" });
});

describe("GET /api/teams/{teamId}/calls", () => {
  it("sends every filter to WhatTalk exactly as documented", async () => {
    await simControl("/requests", { method: "DELETE" });
    const res = await t.clients.SUPERVISOR.get(
      `${base()}?status=completed&type=outbound&phone_number=${encodeURIComponent("0532 123 45 67")}&assistant_id=101&campaign_id=1001&date_from=2026-10-01&date_to=2026-11-24&per_page=50&page=2`,
    );
    expect(res.status).toBe(200);
    const [req, ...more] = await simRequests();
    expect(more).toEqual([]);
    expect(req.method).toBe("GET");
    expect(req.path).toBe("/api/user/calls");
    expect(req.keyHint).toBe("lpha");
    expect(req.query).toEqual({
      status: "completed",
      type: "outbound",
      phone_number: "+905321234567",
      assistant_id: "101",
      campaign_id: "1001",
      date_from: "2026-10-01",
      date_to: "2026-11-24",
      per_page: "50",
      page: "2",
    });
  });

  it("answers in the portal's own shape with the default page size of 25", async () => {
    const res = await t.clients.SUPERVISOR.get(base());
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const body = (await res.json()) as ListBody;
    expect(Object.keys(body).sort()).toEqual(["calls", "lastPage", "meta", "page", "perPage", "total"]);
    expect(body.perPage).toBe(25);
    expect(body.calls).toHaveLength(25);
    expect(body.total).toBeGreaterThan(5000);
    expect(body.lastPage).toBe(Math.ceil(body.total / 25));
    expect(JSON.stringify(body)).not.toMatch(/recording_url|current_page|first_page_url|wt_demo/);
  });

  it.each([
    ["status=done", "status"],
    ["type=sms", "type"],
    ["assistant_id=abc", "assistant_id"],
    ["per_page=500", "per_page"],
    ["page=0", "page"],
    ["date_from=2026-02-31", "date_from"],
    ["date_from=2026-11-10&date_to=2026-11-01", "date_to"],
    ["phone_number=hello", "phone_number"],
  ])("rejects %s with 400, a field error and no upstream request", async (query, field) => {
    await simControl("/requests", { method: "DELETE" });
    const res = await t.clients.SUPERVISOR.get(`${base()}?${query}`);
    expect(res.status).toBe(400);
    expectNoStore(res);
    const body = await res.json();
    expect(body.error.code).toBe("BAD_REQUEST");
    expect(Object.keys(body.error.fieldErrors)).toEqual([field]);
    expect(await simRequests()).toEqual([]);
  });

  it("shows costs to supervisors and never to agents", async () => {
    const sup = (await (await t.clients.SUPERVISOR.get(`${base()}?assistant_id=101`)).json()) as ListBody;
    expect(sup.calls.some((c) => typeof c.totalCost === "number")).toBe(true);
    expect(sup.calls.every((c) => "carrierCost" in c && "totalCost" in c)).toBe(true);

    const agentRes = await t.clients.AGENT.get(`${base()}?assistant_id=101`);
    expect(agentRes.status).toBe(200);
    const text = await agentRes.text();
    expect(text).not.toMatch(/carrierCost|totalCost|carrier_cost|total_cost/);
    const detail = await t.clients.AGENT.get(`${base()}/${(JSON.parse(text) as ListBody).calls[0].id}`);
    expect(detail.status).toBe(200);
    expect(await detail.text()).not.toMatch(/carrierCost|totalCost|carrier_cost|total_cost|recording_url/);
  });

  it("limits agents to their assistants: an explicit other assistant is 403", async () => {
    const res = await t.clients.AGENT.get(`${base()}?assistant_id=103`);
    expect(res.status).toBe(403);
    expectNoStore(res);
    const body = await res.json();
    expect(body.error.message).toMatch(/assigned/);
  });

  it.each([
    [25, 1],
    [25, 7],
    [10, 31],
    [100, 3],
    [50, 200],
  ])("merges an agent's two assistants exactly like one list (%i per page, page %i)", async (perPage, page) => {
    const [a, b] = await Promise.all([simAllCalls("wt_demo_alpha", { assistant_id: "101" }), simAllCalls("wt_demo_alpha", { assistant_id: "102" })]);
    const merged = [...a, ...b].sort(compareNewestFirst);
    const res = await t.clients.AGENT.get(`${base()}?per_page=${perPage}&page=${page}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as ListBody;
    expect(body.total).toBe(merged.length);
    expect(body.lastPage).toBe(Math.max(1, Math.ceil(merged.length / perPage)));
    expect(body.calls.map((c) => c.id)).toEqual(merged.slice((page - 1) * perPage, page * perPage).map((c) => c.id));
    expect(body.calls.every((c) => c.assistantId === 101 || c.assistantId === 102)).toBe(true);
  });

  it("gives an agent without assignments an explained empty list, without asking WhatTalk", async () => {
    const agent = await createUser();
    const team = await createTeam({ members: [{ userId: agent.id, role: "AGENT" }] });
    await connectTeam(team.id);
    await simControl("/requests", { method: "DELETE" });
    const res = await (await new Client().signIn(agent.email)).get(`/api/teams/${team.id}/calls`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as ListBody;
    expect(body.calls).toEqual([]);
    expect(body.meta.emptyReason).toBe("no_assignments");
    expect(await simRequests()).toEqual([]);
  });
});

describe("call detail and recording", () => {
  async function callOf(assistantId: number) {
    const body = (await (await t.clients.SUPERVISOR.get(`${base()}?assistant_id=${assistantId}&status=completed&per_page=5`)).json()) as ListBody;
    return body.calls.find((c) => c.hasRecording)!;
  }

  it("returns one call with transcript and evaluation", async () => {
    const call = await callOf(101);
    const res = await t.clients.SUPERVISOR.get(`${base()}/${call.id}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.id).toBe(call.id);
    expect(body).toHaveProperty("transcript");
    expect(body).toHaveProperty("variables");
    expect(body).toHaveProperty("evaluation");
  });

  it("answers 404 for calls outside an agent's assistants, for detail and recording", async () => {
    const other = await callOf(104);
    for (const path of [`${base()}/${other.id}`, `${base()}/${other.id}/recording`]) {
      const res = await t.clients.AGENT.get(path);
      expect(res.status, path).toBe(404);
      expectNoStore(res, path);
    }
    const own = await callOf(101);
    expect((await t.clients.AGENT.get(`${base()}/${own.id}`)).status).toBe(200);
  });

  it("answers 404 for unknown and malformed call ids, for detail and recording", async () => {
    for (const path of [`${base()}/999999999`, `${base()}/abc`, `${base()}/999999999/recording`, `${base()}/abc/recording`]) {
      const res = await t.clients.SUPERVISOR.get(path);
      expect(res.status, path).toBe(404);
      expectNoStore(res, path);
    }
  });

  it("streams the recording with Range support", async () => {
    const call = await callOf(102);
    const full = await t.clients.SUPERVISOR.get(`${base()}/${call.id}/recording`);
    expect(full.status).toBe(200);
    expectNoStore(full);
    expect(full.headers.get("content-type")).toMatch(/^audio\//);
    expect(full.headers.get("accept-ranges")).toBe("bytes");
    const bytes = new Uint8Array(await full.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 4))).toBe("RIFF");
    const part = await t.clients.SUPERVISOR.request(`${base()}/${call.id}/recording`, { headers: { Range: "bytes=100-199" } });
    expect(part.status).toBe(206);
    expectNoStore(part);
    expect(part.headers.get("content-range")).toBe(`bytes 100-199/${bytes.length}`);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.slice(100, 200));
    const bad = await t.clients.SUPERVISOR.request(`${base()}/${call.id}/recording`, { headers: { Range: `bytes=${bytes.length + 10}-` } });
    expect(bad.status).toBe(416);
    expectNoStore(bad);
  });

  /**
   * A team of its own on the same WhatTalk account, and a way to add calls with a given recording
   * URL. Its cache keys are its own, so the portal never answers a call's detail from a copy another
   * test cached (the simulator reuses call ids after each reset).
   */
  async function ownTeam() {
    const owner = await createUser();
    const team = await createTeam({ members: [{ userId: owner.id, role: "OWNER" }] });
    await connectTeam(team.id);
    const client = await new Client().signIn(owner.email);
    const addCall = async (recordingUrl: string | true) =>
      ((await simControl("/calls", { method: "POST", json: { key: "wt_demo_alpha", status: "completed", duration: 42, recording_url: recordingUrl } })) as { id: number }).id;
    return { teamId: team.id, client, recording: (id: number) => `/api/teams/${team.id}/calls/${id}/recording`, addCall };
  }
  /** The reasons the app logged for refusing this team's call's recording URL. */
  const refusals = (teamId: string, callId: number) =>
    appLog()
      .split("\n")
      .filter((l) => l.includes(`"teamId":"${teamId}","callId":${callId},`) && l.includes("refused"))
      .map((l) => JSON.parse(l) as { reason?: string; msg: string })
      .map((l) => l.reason ?? l.msg);

  it("streams a recording from a host name, with Range: the name pinned to the simulator by WHATTALK_RECORDING_RESOLVE", async () => {
    // The stack lists http://recordings.sim.test:<sim port> and pins that name to 127.0.0.1 (tests/setup/stack-global.ts).
    const own = await ownTeam();
    const id = await own.addCall(true);
    const sim = new URL((await simControl(`/calls/${id}`)).call.recording_url as string);
    expect(sim.hostname).toBe("127.0.0.1");
    const expected = new Uint8Array(await (await fetch(sim)).arrayBuffer());
    await simControl(`/calls/${id}`, { method: "PATCH", json: { recording_url: `http://recordings.sim.test:${sim.port}${sim.pathname}` } });
    await simControl("/requests", { method: "DELETE" });

    const full = await own.client.get(own.recording(id));
    expect(full.status).toBe(200);
    expectNoStore(full);
    expect(full.headers.get("content-type")).toMatch(/^audio\//);
    expect(new Uint8Array(await full.arrayBuffer())).toEqual(expected);
    const part = await own.client.request(own.recording(id), { headers: { Range: "bytes=100-199" } });
    expect(part.status).toBe(206);
    expectNoStore(part);
    expect(part.headers.get("content-range")).toBe(`bytes 100-199/${expected.length}`);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(expected.slice(100, 200));
    const fetched = (await simControl("/requests")).filter((r: { kind: string }) => r.kind === "recording");
    expect(fetched.map((r: { path: string; status: number }) => `${r.path} ${r.status}`)).toEqual([`${sim.pathname} 200`, `${sim.pathname} 206`]);
  });

  it("refuses recordings on other hosts, plain http where https is listed, redirects to other hosts and private addresses, each for its reason", async () => {
    const sim = new URL(simUrl());
    const cases: [string, string][] = [
      ["http://example.com/recordings/1.mp3", "host not allowed"],
      // Listed without a scheme, so https only.
      ["http://recordings.whattalk.ai/recordings/1.mp3", "plain http not allowed for this host"],
      // Listed (and pinned) on the simulator's port only.
      [`http://recordings.sim.test:${Number(sim.port) + 1}/recordings/calls/1.wav`, "host not allowed"],
      [`http://localhost:${Number(sim.port) + 1}/recordings/calls/1.wav`, "host not allowed"],
      ["http://localhost/recordings/calls/1.wav", "host not allowed"],
      ["http://10.0.0.5/recordings/calls/1.wav", "host not allowed"],
      [`http://[::1]:${sim.port}/recordings/calls/1.wav`, "host not allowed"],
      [`${sim.origin}/recordings/redirect?to=${encodeURIComponent("http://example.com/a.mp3")}`, "redirect to another host"],
      ["file:///etc/passwd", "scheme not allowed"],
    ];
    const own = await ownTeam();
    for (const [url, reason] of cases) {
      const id = await own.addCall(url);
      const res = await own.client.get(own.recording(id));
      expect(res.status, url).toBe(502);
      expectNoStore(res, url);
      const body = await res.json();
      expect(body.error.reason, url).toBe("recording_host_refused");
      expect(JSON.stringify(body)).not.toContain(url);
      await expect.poll(() => refusals(own.teamId, id), { message: url }).toEqual([reason]);
    }
  });

  it("refuses an allowed host name that resolves to a private address (only listed literal addresses are exempt)", async () => {
    // The stack lists both `127.0.0.1:<sim port>` and `localhost:<sim port>` (tests/setup/stack-global.ts).
    const call = await callOf(105); // a call whose detail no other test reads (it would come from the portal's cache)
    const sim = new URL((await simControl(`/calls/${call.id}`)).call.recording_url as string);
    expect(sim.hostname).toBe("127.0.0.1");
    const byName = `http://localhost:${sim.port}/recordings/calls/${call.id}.wav`;
    // The simulator serves the very same file under that name (and the portal streams it from the
    // literal address, see "streams the recording"): only the address check stops the portal.
    expect((await fetch(byName)).status).toBe(200);

    await simControl(`/calls/${call.id}`, { method: "PATCH", json: { recording_url: byName } });
    await simControl("/requests", { method: "DELETE" });
    const res = await t.clients.SUPERVISOR.get(`${base()}/${call.id}/recording`);
    expect(res.status).toBe(502);
    const body = await res.json();
    expect(body.error.reason).toBe("recording_host_refused");
    expect(JSON.stringify(body)).not.toMatch(/localhost|127\.0\.0\.1/);
    expect((await simControl("/requests")).filter((r: { kind: string }) => r.kind === "recording")).toEqual([]);
    await expect.poll(() => appLog().split("\n").some((l) => l.includes('"recording URL refused"') && l.includes(`"callId":${call.id}`) && l.includes('"reason":"resolves to a private address"'))).toBe(true);
  });
});

describe("DELETE /api/teams/{teamId}/calls/{callId}", () => {
  type AuditList = { events: { action: string; actor: { id: string | null } | null; target: { type: string; id: string | null } | null }[] };
  /** The team's audit entries for deleting this call id (the simulator reuses ids after a reset: compare before and after). */
  const deletions = async (callId: number) =>
    ((await (await t.clients.ADMIN.get(`/api/teams/${t.team.id}/audit?action=call.deleted&pageSize=100`)).json()) as AuditList).events.filter((e) => e.target?.id === String(callId));
  /** A call of its own in the team's WhatTalk account (assistant 101, which the agent is assigned). */
  const newCall = async () => ((await simControl("/calls", { method: "POST", json: { key: "wt_demo_alpha", status: "completed", duration: 42, assistant_id: 101 } })) as { id: number }).id;

  it("an admin's delete reaches WhatTalk exactly once; the call is then gone (not served from the cache) and the audit log says who", async () => {
    const id = await newCall();
    const before = await deletions(id);
    expect((await t.clients.ADMIN.get(`${base()}/${id}`)).status).toBe(200); // now in the response cache
    await simControl("/requests", { method: "DELETE" });
    const res = await t.clients.ADMIN.delete(`${base()}/${id}`);
    expect(res.status).toBe(204);
    expectNoStore(res);
    expect(await res.text()).toBe("");
    expect((await simRequests()).map((r) => `${r.method} ${r.path}`)).toEqual([`DELETE /api/user/calls/${id}`]);
    expect((await simRequests())[0].keyHint).toBe("lpha");
    await simControl(`/calls/${id}`).then(
      () => expect.fail("the simulator still has the call"),
      (e: Error) => expect(e.message).toMatch(/HTTP 404/),
    );
    for (const role of ["ADMIN", "SUPERVISOR", "AGENT"] as const) {
      const gone = await t.clients[role].get(`${base()}/${id}`);
      expect(gone.status, role).toBe(404);
      expectNoStore(gone, role);
    }
    expect(await deletions(id)).toEqual([
      expect.objectContaining({ action: "call.deleted", actor: expect.objectContaining({ id: t.users.ADMIN.id }), target: expect.objectContaining({ type: "call" }) }),
      ...before,
    ]);
  });

  it("supervisors and agents get 403 and nothing reaches WhatTalk; the call stays", async () => {
    const id = await newCall();
    const before = await deletions(id);
    await simControl("/requests", { method: "DELETE" });
    for (const role of ["SUPERVISOR", "AGENT"] as const) {
      const res = await t.clients[role].delete(`${base()}/${id}`);
      expect(res.status, role).toBe(403);
      expectNoStore(res, role);
      expect((await res.json()).error.code).toBe("FORBIDDEN");
    }
    expect((await simRequests()).map((r) => `${r.method} ${r.path}?${new URLSearchParams(r.query)}`)).toEqual([]);
    expect((await simControl(`/calls/${id}`)).call.id).toBe(id);
    expect((await t.clients.SUPERVISOR.get(`${base()}/${id}`)).status).toBe(200);
    expect(await deletions(id)).toEqual(before);
  });

  it("a call WhatTalk does not have (or a malformed id) is 404 and nothing is audited", async () => {
    const before = await deletions(999999999);
    await simControl("/requests", { method: "DELETE" });
    const unknown = await t.clients.OWNER.delete(`${base()}/999999999`);
    expect(unknown.status).toBe(404);
    expectNoStore(unknown);
    expect((await simRequests()).map((r) => `${r.method} ${r.path}`)).toEqual(["DELETE /api/user/calls/999999999"]);
    await simControl("/requests", { method: "DELETE" });
    const malformed = await t.clients.OWNER.delete(`${base()}/abc`);
    expect(malformed.status).toBe(404);
    expect(await simRequests()).toEqual([]);
    expect(await deletions(999999999)).toEqual(before);
  });
});

describe("upstream failures", () => {
  async function freshTeam() {
    const owner = await createUser();
    const team = await createTeam({ members: [{ userId: owner.id, role: "OWNER" }] });
    await connectTeam(team.id);
    return { team, client: await new Client().signIn(owner.email) };
  }

  it("409 with what to do when the team has no key", async () => {
    const owner = await createUser();
    const team = await createTeam({ members: [{ userId: owner.id, role: "OWNER" }] });
    const res = await (await new Client().signIn(owner.email)).get(`/api/teams/${team.id}/calls`);
    expect(res.status).toBe(409);
    expectNoStore(res);
    const body = await res.json();
    expect(body.error.code).toBe("NO_CREDENTIAL");
    expect(body.error.action).toMatch(/WhatTalk connection/);
  });

  it("401 from WhatTalk → 409 and the credential is marked invalid", async () => {
    const { team, client } = await freshTeam();
    await simControl("/faults", { method: "PATCH", json: { failNext: { count: 1, status: 401 } } });
    const res = await client.get(`/api/teams/${team.id}/calls?fresh=1`);
    expect(res.status).toBe(409);
    expectNoStore(res);
    const { db } = await import("@/lib/db");
    await expect.poll(async () => (await db().apiCredential.findUnique({ where: { teamId: team.id } }))?.status).toBe("INVALID");
  });

  it("429 from WhatTalk → 429 with Retry-After", async () => {
    const { team, client } = await freshTeam();
    await simControl("/faults", { method: "PATCH", json: { failNext: { count: 5, status: 429 } } });
    const res = await client.get(`/api/teams/${team.id}/calls?fresh=1`);
    expect(res.status).toBe(429);
    expectNoStore(res);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("5xx and malformed answers → 502 with a readable message and nothing internal", async () => {
    const { team, client } = await freshTeam();
    await simControl("/faults", { method: "PATCH", json: { failNext: { count: 5, status: 503 } } });
    const res = await client.get(`/api/teams/${team.id}/calls?fresh=1`);
    expect(res.status).toBe(502);
    expectNoStore(res);
    const body = await res.json();
    expect(body.error.message).toMatch(/WhatTalk/);
    expect(JSON.stringify(body)).not.toMatch(/stack|at .*\.ts|127\.0\.0\.1/);
    await simControl("/faults", { method: "PATCH", json: { failNext: { count: 5, status: "malformed" } } });
    const malformed = await client.get(`/api/teams/${team.id}/calls?fresh=1&status=failed`);
    expect(malformed.status).toBe(502);
    expectNoStore(malformed);
  });

  it("a hanging WhatTalk → 504", async () => {
    const { team, client } = await freshTeam();
    await simControl("/faults", { method: "PATCH", json: { failNext: { count: 5, status: "hang" } } });
    const res = await client.get(`/api/teams/${team.id}/calls?fresh=1`);
    expect(res.status).toBe(504);
    expectNoStore(res);
  }, 60_000);

  // Every role holds one of the calls scopes, so no role gets 403 here; an agent's 403 is an
  // assistant outside their assignments (above), and every route's 403 is in entry-points.test.ts.
  it("401 without a session, 404 for another team's id (list, detail, recording)", async () => {
    const outsider = await createUser();
    await createTeam({ members: [{ userId: outsider.id, role: "OWNER" }] });
    const c = await new Client().signIn(outsider.email);
    for (const path of [base(), `${base()}/10001`, `${base()}/10001/recording`]) {
      const anon = await new Client().get(path);
      expect(anon.status, path).toBe(401);
      expectNoStore(anon, path);
      const other = await c.get(path);
      expect(other.status, path).toBe(404);
      expectNoStore(other, path);
    }
  });
});
