// GET/DELETE /api/user/calls over real HTTP: auth, isolation, every filter and combinations
// against brute force, date semantics in the account's zone, Laravel pagination and validation.

import nodeHttp from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "@/tools/whattalk-sim/server";
import { callInstant, type Call, type SimAccount } from "@/tools/whattalk-sim/data";
import { KEYS, account, api, bruteFilter, http, localString, startSim, toQuery, type BruteFilters, type HttpResult, type Loose, type PageLink } from "./helpers";

let sim: Simulator;
let alpha: SimAccount;
let beta: SimAccount;
let gamma: SimAccount;

beforeAll(async () => {
  sim = await startSim();
  alpha = account(sim, "alpha");
  beta = account(sim, "beta");
  gamma = account(sim, "gamma");
});
afterAll(async () => {
  await sim?.close();
});

const ids = (list: readonly { id: number }[]) => list.map((c) => c.id);

/** Lists with filters and checks total and the first page against brute force. */
async function expectFiltered(acc: SimAccount, f: BruteFilters, perPage = 25, page = 1) {
  const expected = bruteFilter(acc.calls, f);
  const res = await api(sim, `/user/calls${toQuery({ ...f, per_page: perPage, page })}`, acc.key);
  expect(res.status, res.text).toBe(200);
  expect(res.json.total).toBe(expected.length);
  expect(ids(res.json.data)).toEqual(ids(expected.slice((page - 1) * perPage, page * perPage)));
  return { res, expected };
}

describe("auth", () => {
  it("answers 401 without a key, with an unknown key and with a non-Bearer scheme", async () => {
    const variants: Record<string, string>[] = [{}, { Authorization: "Bearer wt_nope" }, { Authorization: `Basic ${KEYS.alpha}` }, { Authorization: "Bearer " }];
    for (const headers of variants) {
      const res = await http(`${sim.apiUrl}/user/calls`, { headers });
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ message: "Unauthenticated.", error: "Invalid API key" });
      expect(res.headers.get("content-type")).toBe("application/json");
    }
  });

  it("isolates accounts", async () => {
    for (const acc of [alpha, beta, gamma]) {
      const res = await api(sim, "/user/calls?per_page=100", acc.key);
      expect(res.json.total).toBe(acc.calls.length);
      const own = new Set(ids(acc.calls));
      expect(res.json.data.every((c: Call) => own.has(c.id))).toBe(true);
    }
    const betaCall = beta.calls[5];
    expect((await api(sim, `/user/calls/${betaCall.id}`, alpha.key)).status).toBe(404);
    expect((await api(sim, `/user/calls?assistant_id=201`, alpha.key)).json.total).toBe(0);
  });
});

describe("listing", () => {
  it("defaults to 15 per page, newest first, with the full call objects", async () => {
    const res = await api(sim, "/user/calls");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(Object.keys(res.json)).toEqual([
      "current_page", "data", "first_page_url", "from", "last_page", "last_page_url", "links",
      "next_page_url", "path", "per_page", "prev_page_url", "to", "total",
    ]);
    expect(res.json.per_page).toBe(15);
    expect(res.json.current_page).toBe(1);
    expect(res.json.data).toEqual(alpha.calls.slice(0, 15));
    expect(res.json.path).toBe(`${sim.apiUrl}/user/calls`);
  });

  it("supports HEAD", async () => {
    const res = await fetch(`${sim.apiUrl}/user/calls`, { method: "HEAD", headers: { Authorization: `Bearer ${KEYS.alpha}` } });
    expect(res.status).toBe(200);
    expect(Number(res.headers.get("content-length"))).toBeGreaterThan(100);
    expect(await res.text()).toBe("");
  });

  it("filters by every status and type", async () => {
    for (const status of ["initiated", "ringing", "busy", "in-progress", "ended", "completed", "ended_by_customer", "ended_by_assistant", "no-answer", "failed"]) {
      const { expected } = await expectFiltered(alpha, { status });
      expect(expected.length, status).toBeGreaterThan(0);
    }
    for (const type of ["inbound", "outbound", "web"]) await expectFiltered(alpha, { type });
  });

  it("filters by assistant and campaign", async () => {
    for (const a of alpha.assistants) await expectFiltered(alpha, { assistant_id: a.id });
    for (const c of alpha.campaigns) {
      const { expected } = await expectFiltered(alpha, { campaign_id: c.id });
      expect(expected.length).toBeGreaterThan(0);
    }
    for (const c of beta.campaigns) await expectFiltered(beta, { campaign_id: c.id });
    await expectFiltered(alpha, { assistant_id: 999999 });
  });

  it("filters by phone number: substring of client_phone_number after removing spaces", async () => {
    // A number that appears on several calls.
    const counts = new Map<string, number>();
    for (const c of alpha.calls) if (c.client_phone_number) counts.set(c.client_phone_number, (counts.get(c.client_phone_number) ?? 0) + 1);
    const [frequent] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
    const { expected } = await expectFiltered(alpha, { phone_number: frequent });
    expect(expected.length).toBeGreaterThan(1);
    // Formatted with spaces, partial, and a raw "+" (which a query string decodes to a space).
    const spaced = `${frequent.slice(0, 3)} ${frequent.slice(3, 6)} ${frequent.slice(6, 9)} ${frequent.slice(9)}`;
    const a = await api(sim, `/user/calls?phone_number=${encodeURIComponent(spaced)}`);
    expect(a.json.total).toBe(expected.length);
    const b = await api(sim, `/user/calls?phone_number=${frequent}`); // "+" arrives as a space
    expect(b.json.total).toBe(expected.length);
    await expectFiltered(alpha, { phone_number: "532" });
    await expectFiltered(alpha, { phone_number: "+4915" });
    const none = await api(sim, "/user/calls?phone_number=0000000000000");
    expect(none.json.total).toBe(0);
  });

  it("combines filters like brute force does", async () => {
    const combos: BruteFilters[] = [
      { status: "completed", type: "outbound" },
      { status: "no-answer", campaign_id: 1001 },
      { type: "inbound", assistant_id: 102, date_from: "2025-03-01" },
      { type: "web", date_from: "2025-02-01", date_to: "2025-02-28" },
      { status: "ended_by_customer", assistant_id: 101, campaign_id: 1002, date_to: "2025-03-20" },
      { phone_number: "90 53", status: "completed", date_from: "2025-03-10", date_to: "2025-03-10" },
      { type: "outbound", campaign_id: 1003, status: "busy", date_from: "2025-01-15" },
    ];
    // Plus a deterministic sweep of random combinations.
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const statuses = ["completed", "ended", "no-answer", "busy", "failed", undefined, undefined];
    const types = ["inbound", "outbound", "web", undefined];
    const days = ["2025-01-10", "2025-02-03", "2025-03-01", "2025-03-20", "2025-03-31", undefined];
    for (let i = 0; i < 30; i++) {
      const from = days[Math.floor(rnd() * days.length)];
      const to = days[Math.floor(rnd() * days.length)];
      combos.push({
        status: statuses[Math.floor(rnd() * statuses.length)],
        type: types[Math.floor(rnd() * types.length)],
        date_from: from && to && from > to ? to : from,
        date_to: from && to && from > to ? from : to,
        assistant_id: rnd() < 0.3 ? 101 + Math.floor(rnd() * 6) : undefined,
      });
    }
    for (const f of combos) await expectFiltered(alpha, f, 10, 2);
  });

  it("ignores empty parameters (ConvertEmptyStringsToNull) and trims values", async () => {
    const res = await api(sim, "/user/calls?status=&type=%20completed&assistant_id=&per_page=5");
    expect(res.status).toBe(422); // "type= completed" is trimmed to "completed", not a type
    const ok = await api(sim, "/user/calls?status=%20completed%20&type=&per_page=5");
    expect(ok.json.total).toBe(bruteFilter(alpha.calls, { status: "completed" }).length);
    expect(ok.json.next_page_url).toBe(`${sim.apiUrl}/user/calls?status=completed&per_page=5&page=2`);
  });
});

describe("dates in the account's time zone", () => {
  it("interprets date_from/date_to as whole local days", async () => {
    // The anchor is 2025-03-31 22:30 UTC = 2025-04-01 01:30 in Istanbul.
    const res = await api(sim, "/user/calls?date_from=2025-04-01&per_page=100");
    const istanbulMidnight = Date.parse("2025-03-31T21:00:00Z");
    const expected = alpha.calls.filter((c) => callInstant(c, alpha.timeZone) >= istanbulMidnight);
    expect(expected.length).toBeGreaterThan(5);
    expect(res.json.total).toBe(expected.length);
    for (const c of res.json.data as Call[]) expect(c.created_at.startsWith("2025-04-01")).toBe(true);

    // Same instant range in New York is still 2025-03-31.
    const g = await api(sim, "/user/calls?date_from=2025-04-01", gamma.key);
    expect(g.json.total).toBe(0);
    const g2 = await api(sim, "/user/calls?date_from=2025-03-31&date_to=2025-03-31&per_page=100", gamma.key);
    const nyStart = Date.parse("2025-03-31T04:00:00Z"); // EDT since 2025-03-09
    expect(g2.json.total).toBe(gamma.calls.filter((c) => callInstant(c, gamma.timeZone) >= nyStart).length);
  });

  it("includes date_to through 23:59:59 local and excludes the next local day", async () => {
    const target = alpha.calls[300];
    try {
      const patched = await http(`${sim.url}/__control/calls/${target.id}`, { method: "PATCH", body: { created_at: "2025-03-20 23:59:59" } });
      expect(patched.status).toBe(200);
      const inDay = await api(sim, "/user/calls?date_from=2025-03-20&date_to=2025-03-20&per_page=100");
      expect(ids(inDay.json.data)).toContain(target.id);
      expect(inDay.json.data[0].id).toBe(target.id); // the latest call of that day
      const dayBefore = await api(sim, "/user/calls?date_to=2025-03-19&per_page=100");
      expect(ids(dayBefore.json.data)).not.toContain(target.id);
      const dayAfter = await api(sim, "/user/calls?date_from=2025-03-21&per_page=100&page=1000");
      expect(dayAfter.json.data).toEqual([]);

      // 01:30 Istanbul on the 15th is 22:30 UTC on the 14th: it belongs to the 15th.
      await http(`${sim.url}/__control/calls/${target.id}`, { method: "PATCH", body: { created_at: "2025-03-15 01:30:00" } });
      const on15 = await api(sim, "/user/calls?date_from=2025-03-15&date_to=2025-03-15&per_page=100&page=1");
      const all15: number[] = [];
      let next: string | null = `${sim.apiUrl}/user/calls?date_from=2025-03-15&date_to=2025-03-15&per_page=100`;
      while (next) {
        const r: HttpResult = await http(next, { key: KEYS.alpha });
        all15.push(...ids(r.json.data));
        next = r.json.next_page_url;
      }
      expect(on15.status).toBe(200);
      expect(all15).toContain(target.id);
      const on14 = await api(sim, "/user/calls?date_from=2025-03-14&date_to=2025-03-14&per_page=100&page=1");
      expect(on14.json.data.every((c: Call) => c.created_at.startsWith("2025-03-14"))).toBe(true);
      expect(localString(Date.parse("2025-03-14T22:30:00Z"), alpha.timeZone)).toBe("2025-03-15 01:30:00");
    } finally {
      sim.reset();
    }
  });
});

describe("pagination", () => {
  it("computes from/to/last_page/total on first, middle, last and past-the-end pages", async () => {
    const total = bruteFilter(alpha.calls, { status: "completed" }).length;
    const per = 7;
    const last = Math.ceil(total / per);
    const p1 = await api(sim, `/user/calls?status=completed&per_page=${per}`);
    expect(p1.json).toMatchObject({ current_page: 1, from: 1, to: 7, total, last_page: last, per_page: per, prev_page_url: null });
    const mid = await api(sim, `/user/calls?status=completed&per_page=${per}&page=3`);
    expect(mid.json).toMatchObject({ current_page: 3, from: 15, to: 21 });
    const lastRes = await api(sim, `/user/calls?status=completed&per_page=${per}&page=${last}`);
    const lastCount = total - (last - 1) * per;
    expect(lastRes.json).toMatchObject({ current_page: last, from: (last - 1) * per + 1, to: total, next_page_url: null });
    expect(lastRes.json.data).toHaveLength(lastCount);
    const past = await api(sim, `/user/calls?status=completed&per_page=${per}&page=${last + 5}`);
    expect(past.json).toMatchObject({ current_page: last + 5, data: [], from: null, to: null, total, last_page: last, next_page_url: null });
    expect(past.json.prev_page_url).toBe(`${sim.apiUrl}/user/calls?status=completed&per_page=${per}&page=${last + 4}`);
  });

  it("answers an empty result with last_page 1 and a single page link", async () => {
    const res = await api(sim, "/user/calls?phone_number=99999999999");
    expect(res.json).toMatchObject({ data: [], total: 0, from: null, to: null, last_page: 1, next_page_url: null, prev_page_url: null });
    expect(res.json.links.map((l: { label: string }) => l.label)).toEqual(["« Previous", "1", "Next »"]);
    expect(res.json.links[1]).toEqual({ url: `${sim.apiUrl}/user/calls?phone_number=99999999999&page=1`, label: "1", active: true });
  });

  it("accepts per_page 1 and 100 and rejects 0 and 101", async () => {
    expect((await api(sim, "/user/calls?per_page=1")).json.data).toHaveLength(1);
    expect((await api(sim, "/user/calls?per_page=100")).json.data).toHaveLength(100);
    for (const v of ["0", "101", "-5"]) {
      const r = await api(sim, `/user/calls?per_page=${v}`);
      expect(r.status).toBe(422);
      expect(r.json).toEqual({ message: "The per page field must be between 1 and 100.", errors: { per_page: ["The per page field must be between 1 and 100."] } });
    }
  });

  it("has working next/prev/first/last URLs that keep the filters, and collects exactly the brute-force result", async () => {
    const f = { status: "completed", type: "inbound" };
    const expected = bruteFilter(alpha.calls, f);
    const seen: number[] = [];
    let url: string | null = `${sim.apiUrl}/user/calls?status=completed&type=inbound&per_page=50`;
    let pages = 0;
    let lastJson: Loose;
    while (url) {
      if (pages > 0) expect(url).toContain("?status=completed&type=inbound&per_page=50&page=");
      const r: HttpResult = await http(url, { key: KEYS.alpha });
      expect(r.status).toBe(200);
      seen.push(...ids(r.json.data));
      lastJson = r.json;
      url = r.json.next_page_url;
      pages++;
    }
    expect(seen).toEqual(ids(expected));
    expect(pages).toBe(Math.ceil(expected.length / 50));
    // Walk back with prev_page_url.
    const prev = await http(lastJson.prev_page_url, { key: KEYS.alpha });
    expect(prev.json.current_page).toBe(pages - 1);
    const first = await http(lastJson.first_page_url, { key: KEYS.alpha });
    expect(first.json.current_page).toBe(1);
    const last = await http(first.json.last_page_url, { key: KEYS.alpha });
    expect(last.json.current_page).toBe(pages);
  });

  it("orders newest first with the id tie-break across a full traversal", async () => {
    const all: Call[] = [];
    let url: string | null = `${sim.apiUrl}/user/calls?per_page=100`;
    while (url) {
      const r: HttpResult = await http(url, { key: KEYS.alpha });
      all.push(...r.json.data);
      url = r.json.next_page_url;
    }
    expect(all).toHaveLength(alpha.calls.length);
    let ties = 0;
    for (let i = 1; i < all.length; i++) {
      const a = callInstant(all[i - 1], alpha.timeZone);
      const b = callInstant(all[i], alpha.timeZone);
      expect(a > b || (a === b && all[i - 1].id > all[i].id)).toBe(true);
      if (a === b) ties++;
    }
    expect(ties).toBeGreaterThan(0);
  });

  it("builds Laravel's link window (onEachSide 3) and every link URL works", async () => {
    const total = alpha.calls.length;
    const last = Math.ceil(total / 10);
    const labels = (json: { links: PageLink[] }) => json.links.map((l) => l.label);
    const r1 = await api(sim, "/user/calls?per_page=10");
    expect(labels(r1.json)).toEqual(["« Previous", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "...", String(last - 1), String(last), "Next »"]);
    const r50 = await api(sim, "/user/calls?per_page=10&page=50");
    expect(labels(r50.json)).toEqual(["« Previous", "1", "2", "...", "47", "48", "49", "50", "51", "52", "53", "...", String(last - 1), String(last), "Next »"]);
    const rl = await api(sim, `/user/calls?per_page=10&page=${last}`);
    const tail = Array.from({ length: 10 }, (_, i) => String(last - 9 + i));
    expect(labels(rl.json)).toEqual(["« Previous", "1", "2", "...", ...tail, "Next »"]);
    expect(r50.json.links.filter((l: PageLink) => l.active).map((l: PageLink) => l.label)).toEqual(["50"]);
    expect(r50.json.links.find((l: PageLink) => l.label === "...")).toEqual({ url: null, label: "...", active: false });

    // Follow every link of a middle page.
    for (const link of r50.json.links) {
      if (!link.url) continue;
      const r = await http(link.url, { key: KEYS.alpha });
      expect(r.status).toBe(200);
      const expectedPage = link.label === "« Previous" ? 49 : link.label === "Next »" ? 51 : Number(link.label);
      expect(r.json.current_page).toBe(expectedPage);
    }

    // Few pages: no dots.
    const small = await api(sim, "/user/calls?per_page=10", gamma.key);
    expect(labels(small.json)).toEqual(["« Previous", ...Array.from({ length: small.json.last_page }, (_, i) => String(i + 1)), "Next »"]);
  });

  it("builds URLs from the request's Host", async () => {
    // fetch() does not let us set Host, so use node:http.
    const body = await new Promise<string>((resolve, reject) => {
      const req = nodeHttp.request(
        { host: "127.0.0.1", port: sim.port, path: "/api/user/calls?per_page=3", headers: { Host: "portal-upstream.test:8080", Authorization: `Bearer ${KEYS.alpha}` } },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (c) => (text += c));
          res.on("end", () => resolve(text));
        },
      );
      req.on("error", reject);
      req.end();
    });
    const json = JSON.parse(body);
    expect(json.next_page_url).toBe("http://portal-upstream.test:8080/api/user/calls?per_page=3&page=2");
    expect(json.path).toBe("http://portal-upstream.test:8080/api/user/calls");
  });
});

describe("validation (422)", () => {
  const cases: Array<[string, string, string]> = [
    ["status=done", "status", "The selected status is invalid."],
    ["status=COMPLETED", "status", "The selected status is invalid."],
    ["type=phone", "type", "The selected type is invalid."],
    ["assistant_id=abc", "assistant_id", "The assistant id field must be an integer."],
    ["assistant_id=1.5", "assistant_id", "The assistant id field must be an integer."],
    ["campaign_id=x1", "campaign_id", "The campaign id field must be an integer."],
    ["date_from=2025-2-03", "date_from", "The date from field must match the format Y-m-d."],
    ["date_from=2025-02-30", "date_from", "The date from field must match the format Y-m-d."],
    ["date_from=03/01/2025", "date_from", "The date from field must match the format Y-m-d."],
    ["date_to=2025-13-01", "date_to", "The date to field must match the format Y-m-d."],
    ["date_from=2025-03-10&date_to=2025-03-09", "date_to", "The date to field must be a date after or equal to date from."],
    ["per_page=ten", "per_page", "The per page field must be an integer."],
    ["page=0", "page", "The page field must be at least 1."],
    ["page=abc", "page", "The page field must be an integer."],
  ];
  for (const [query, field, message] of cases) {
    it(`${query} -> ${message}`, async () => {
      const r = await api(sim, `/user/calls?${query}`);
      expect(r.status).toBe(422);
      expect(r.json).toEqual({ message, errors: { [field]: [message] } });
    });
  }

  it("summarizes several errors like Laravel", async () => {
    const r = await api(sim, "/user/calls?status=x&type=y&per_page=500");
    expect(r.status).toBe(422);
    expect(r.json.message).toBe("The selected status is invalid. (and 2 more errors)");
    expect(Object.keys(r.json.errors)).toEqual(["status", "type", "per_page"]);
    const two = await api(sim, "/user/calls?status=x&page=0");
    expect(two.json.message).toBe("The selected status is invalid. (and 1 more error)");
  });

  it("rejects array parameters", async () => {
    const r = await api(sim, "/user/calls?status[]=completed");
    expect(r.status).toBe(422);
    expect(r.json.errors.status).toEqual(["The status field must be a string.", "The selected status is invalid."]);
  });

  it("accepts a valid equal date range and a leap day", async () => {
    expect((await api(sim, "/user/calls?date_from=2025-03-10&date_to=2025-03-10")).status).toBe(200);
    expect((await api(sim, "/user/calls?date_from=2024-02-29")).status).toBe(200);
  });
});

describe("single call and delete", () => {
  it("returns one call, or 404 Call not found", async () => {
    const c = alpha.calls[42];
    const r = await api(sim, `/user/calls/${c.id}`);
    expect(r.status).toBe(200);
    expect(r.json).toEqual(c);
    for (const bad of ["999999999", "abc", "12.5", String(beta.calls[0].id), "-1"]) {
      const nf = await api(sim, `/user/calls/${bad}`);
      expect(nf.status, bad).toBe(404);
      expect(nf.json).toEqual({ message: "Call not found" });
    }
  });

  it("deletes a call from this simulator's memory", async () => {
    const c = alpha.calls[10];
    try {
      const before = (await api(sim, "/user/calls")).json.total;
      expect((await api(sim, `/user/calls/${c.id}`, beta.key, { method: "DELETE" })).status).toBe(404);
      const del = await api(sim, `/user/calls/${c.id}`, alpha.key, { method: "DELETE" });
      expect(del.status).toBe(200);
      expect(del.json).toEqual({ message: "Call deleted successfully" });
      expect((await api(sim, `/user/calls/${c.id}`)).status).toBe(404);
      expect((await api(sim, `/user/calls/${c.id}`, alpha.key, { method: "DELETE" })).json).toEqual({ message: "Call not found" });
      const after = await api(sim, "/user/calls?per_page=20");
      expect(after.json.total).toBe(before - 1);
      expect(ids(after.json.data)).not.toContain(c.id);
      expect((await http(c.recording_url ?? `${sim.url}/recordings/calls/${c.id}.wav`)).status).toBe(404);
    } finally {
      sim.reset();
    }
    expect((await api(sim, `/user/calls/${c.id}`)).status).toBe(200);
  });
});

describe("routing", () => {
  it("answers unknown paths with 404 JSON and wrong methods with 405", async () => {
    const r = await api(sim, "/user/nothing");
    expect(r.status).toBe(404);
    expect(r.json).toEqual({ message: "The route api/user/nothing could not be found." });
    expect(r.headers.get("content-type")).toBe("application/json");
    const root = await http(`${sim.url}/whatever`);
    expect(root.status).toBe(404);
    expect(root.json.message).toContain("could not be found");
    const m = await api(sim, "/user/calls", KEYS.alpha, { method: "POST" });
    expect(m.status).toBe(405);
    expect(m.json.message).toBe("The POST method is not supported for route api/user/calls. Supported methods: GET, HEAD.");
  });

  it("tolerates a trailing slash", async () => {
    expect((await api(sim, "/user/calls/?per_page=1")).status).toBe(200);
  });
});
