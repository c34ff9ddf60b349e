// Refused and unknown ids on pages with params answer a real 404 status, decided before anything
// streams (the call page checks the call first on a page load), while the router's navigations to
// an allowed call still get the loading skeleton first and the call streamed after it.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { assignAssistants, Client, connectTeam, simAllCalls, simControl, simRequests, teamWithRoles } from "./helpers";

type SimCall = { id: number; assistant_id: number | null; client_phone_number: string | null; status: string };

const HTTP_FALLBACK_404 = "NEXT_HTTP_ERROR_FALLBACK;404";
/** A browser's page load, and a client that sends no fetch metadata (curl, a monitor). */
const DOCUMENT_REQUESTS: Record<string, Record<string, string>> = {
  "page load": { "Sec-Fetch-Dest": "document", "Sec-Fetch-Mode": "navigate" },
  "no fetch metadata": {},
};
/** What the app router sends when it navigates (its RSC payload fetch). */
const NAVIGATION = { RSC: "1", "Sec-Fetch-Dest": "empty", "Sec-Fetch-Mode": "cors" };

let A: Awaited<ReturnType<typeof teamWithRoles>>;
let B: Awaited<ReturnType<typeof teamWithRoles>>;
let own: SimCall[];
let foreign: SimCall;
let betaCall: SimCall;

/** GET with the given headers; an RSC request's redirect to its `_rsc` URL is followed like the router does. */
async function get(client: Client, path: string, headers: Record<string, string>) {
  const res = await client.get(path, { headers });
  const location = res.headers.get("location");
  return res.status === 307 && location?.includes("_rsc") ? client.get(location, { headers }) : res;
}

beforeAll(async () => {
  await simControl("/reset", { method: "POST" });
  A = await teamWithRoles();
  B = await teamWithRoles();
  await connectTeam(A.team.id, "wt_demo_alpha");
  await connectTeam(B.team.id, "wt_demo_beta");
  await assignAssistants(A.team.id, A.users.AGENT.id, [101]);
  const alpha = (await simAllCalls("wt_demo_alpha", { status: "completed" })) as unknown as SimCall[];
  own = alpha.filter((c) => c.assistant_id === 101 && c.client_phone_number).slice(0, 10);
  foreign = alpha.find((c) => c.assistant_id === 104 && c.client_phone_number)!;
  betaCall = ((await simAllCalls("wt_demo_beta", { status: "completed" })) as unknown as SimCall[])[0];
});
afterEach(async () => {
  await simControl("/reset", { method: "POST" });
});

describe("the call page", () => {
  const page = (id: number | string, team = A.team.slug) => `/teams/${team}/calls/${id}`;

  it("answers 404 on a page load for an agent's out-of-scope call, an unknown id, another account's call and malformed ids", async () => {
    const refused: [string, Client, string][] = [
      ["an agent's call of another assistant", A.clients.AGENT, page(foreign.id)],
      ["an unknown id (agent)", A.clients.AGENT, page(99_999_999)],
      ["an unknown id (supervisor)", A.clients.SUPERVISOR, page(99_999_999)],
      ["another account's call id", A.clients.SUPERVISOR, page(betaCall.id)],
      ["another team's call page", B.clients.SUPERVISOR, page(own[0].id)],
      ["an unknown team", A.clients.SUPERVISOR, page(own[0].id, "no-such-team")],
      ...["abc", "0", "-1", "1e3", "12345678901", `${own[0].id}x`, "%20"].map((id): [string, Client, string] => [`malformed id ${id}`, A.clients.AGENT, page(id)]),
    ];
    for (const [what, client, path] of refused) {
      for (const [kind, headers] of Object.entries(DOCUMENT_REQUESTS)) {
        const res = await get(client, path, headers);
        expect(res.status, `${what}, ${kind}`).toBe(404);
        const html = await res.text();
        if (client !== B.clients.SUPERVISOR && !path.includes("no-such-team")) expect(html, what).toContain("Call not found");
        expect(html).not.toContain(foreign.client_phone_number!);
      }
    }
  });

  it("the router's RSC requests for a refused call carry the 404 fallback and none of the call", async () => {
    // Next answers every RSC request 200 (the status is sent before the payload renders); the
    // router turns the fallback into the not-found page.
    for (const headers of [NAVIGATION, { RSC: "1" }]) {
      for (const id of [foreign.id, 99_999_999]) {
        const res = await get(A.clients.AGENT, page(id), headers);
        expect(res.headers.get("content-type")).toContain("text/x-component");
        const rsc = await res.text();
        expect(rsc, String(id)).toContain(HTTP_FALLBACK_404);
        expect(rsc).not.toContain(foreign.client_phone_number!);
      }
      const allowed = await (await get(A.clients.AGENT, page(own[0].id), headers)).text();
      expect(allowed).not.toContain(HTTP_FALLBACK_404);
      expect(allowed).toContain(own[0].client_phone_number!);
    }
  });

  it("answers 200 with the call for an allowed page load (agent and supervisor)", async () => {
    for (const client of [A.clients.AGENT, A.clients.SUPERVISOR]) {
      for (const [kind, headers] of Object.entries(DOCUMENT_REQUESTS)) {
        const res = await get(client, page(own[1].id), headers);
        expect(res.status, kind).toBe(200);
        const html = await res.text();
        expect(html).toContain(`Call ${own[1].id}`);
        expect(html).toContain(own[1].client_phone_number!);
      }
    }
    expect((await get(A.clients.SUPERVISOR, page(foreign.id), {})).status).toBe(200);
  });

  it("an allowed call still streams on navigation: the skeleton first, the call when WhatTalk answers; a prefetch asks WhatTalk nothing", async () => {
    const call = own[5]; // not read by the tests above
    await simControl("/faults", { method: "PATCH", json: { latencyMs: 1500 } });
    await simControl("/requests", { method: "DELETE" });

    const prefetch = await get(A.clients.AGENT, page(call.id), { ...NAVIGATION, "Next-Router-Prefetch": "1" });
    expect(prefetch.status).toBe(200);
    const prefetched = await prefetch.text();
    expect(prefetched).toContain("Loading the call");
    expect(prefetched).not.toContain(call.client_phone_number!);
    expect(await simRequests()).toEqual([]);

    const started = Date.now();
    const res = await get(A.clients.AGENT, page(call.id), NAVIGATION);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    let skeletonAt = -1;
    let callAt = -1;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      if (skeletonAt < 0 && text.includes("Loading the call")) skeletonAt = Date.now() - started;
      if (callAt < 0 && text.includes(call.client_phone_number!)) callAt = Date.now() - started;
    }
    expect(skeletonAt).toBeGreaterThanOrEqual(0);
    expect(skeletonAt).toBeLessThan(1_000);
    expect(callAt).toBeGreaterThanOrEqual(1_400);
    expect((await simRequests()).map((r) => r.path)).toEqual([`/api/user/calls/${call.id}`]);
  });
});

describe("other pages with params", () => {
  it("an unknown invitation token answers 404 and says the link is not valid", async () => {
    for (const client of [new Client(), A.clients.AGENT]) {
      for (const headers of Object.values(DOCUMENT_REQUESTS)) {
        const res = await get(client, "/invite/not-a-real-invitation-token", headers);
        expect(res.status).toBe(404);
        expect(await res.text()).toContain("This invitation link is not valid");
      }
    }
  });

  it("an unknown team slug answers 404 on every team page", async () => {
    for (const path of ["/calls", "/calls/10001", "/analytics", "/settings", "/settings/members"]) {
      for (const headers of Object.values(DOCUMENT_REQUESTS)) {
        expect((await get(A.clients.OWNER, `/teams/no-such-team${path}`, headers)).status, path).toBe(404);
      }
    }
  });
});
