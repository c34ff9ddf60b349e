// The browser's typed client of /api/teams (components/api/team-api.ts): what each function sends,
// over real HTTP to a loopback server, with every path segment encoded; the answers it makes of
// the portal's own error bodies; and that no component or page builds such a URL by hand.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as teamApi from "@/components/api/team-api";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/route";

const ROOT = path.resolve(__dirname, "..", "..");

type Seen = { method: string; url: string; contentType: string | undefined; body: string };
let server: http.Server;
let seen: Seen[] = [];
/** What the server answers next (the portal's way: a Response), or a plain 200 with `{}`. */
let answer: (() => Response) | null = null;
const realFetch = globalThis.fetch;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", async () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", contentType: req.headers["content-type"], body });
      const r = answer ? answer() : Response.json({});
      answer = null;
      res.writeHead(r.status, Object.fromEntries(r.headers));
      res.end(Buffer.from(await r.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The browser resolves the client's relative URLs against the page; here, against the server.
  globalThis.fetch = (input, init) => realFetch(typeof input === "string" ? new URL(input, origin) : input, init);
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  await new Promise((resolve) => server.close(resolve));
});

/** Ids that break a hand-built URL: a slash, a space, `?`, `#` and `%`. */
const T = "team/1 ?#%";
const M = "member/2";
const V = "view?3#x";
const teamPath = (rest = "") => `/api/teams/team%2F1%20%3F%23%25${rest}`;

type Case = [name: keyof typeof teamApi, call: () => Promise<unknown>, method: string, url: string, body?: unknown];
const CASES: Case[] = [
  ["createTeam", () => teamApi.createTeam({ name: "Support", slug: null, timeZone: "UTC", country: "TR" }), "POST", "/api/teams", { name: "Support", slug: null, timeZone: "UTC", country: "TR" }],
  ["updateTeamSettings", () => teamApi.updateTeamSettings(T, { name: "New" }), "PATCH", teamPath(), { name: "New" }],
  ["deleteTeam", () => teamApi.deleteTeam(T, "support"), "DELETE", teamPath(), { confirmSlug: "support" }],
  ["leaveTeam", () => teamApi.leaveTeam(T), "POST", teamPath("/leave"), {}],
  ["transferOwnership", () => teamApi.transferOwnership(T, M), "POST", teamPath("/transfer-ownership"), { membershipId: M }],
  ["changeMemberRole", () => teamApi.changeMemberRole(T, M, "AGENT"), "PATCH", teamPath("/members/member%2F2"), { role: "AGENT" }],
  ["removeMember", () => teamApi.removeMember(T, M), "DELETE", teamPath("/members/member%2F2")],
  ["setAssignments", () => teamApi.setAssignments(T, M, [{ assistantId: 7, label: "Sales" }]), "PUT", teamPath("/members/member%2F2/assignments"), { assignments: [{ assistantId: 7, label: "Sales" }] }],
  ["createInvitation", () => teamApi.createInvitation(T, { email: "a@x.test", role: "AGENT" }), "POST", teamPath("/invitations"), { email: "a@x.test", role: "AGENT" }],
  ["revokeInvitation", () => teamApi.revokeInvitation(T, "inv/4"), "DELETE", teamPath("/invitations/inv%2F4")],
  ["syncDirectory", () => teamApi.syncDirectory(T), "POST", teamPath("/directory/sync"), {}],
  ["addDirectoryEntry", () => teamApi.addDirectoryEntry(T, "campaign", { id: "12", name: "Spring" }), "POST", teamPath("/directory/campaigns"), { id: "12", name: "Spring" }],
  ["removeDirectoryEntry", () => teamApi.removeDirectoryEntry(T, "assistant", 12), "DELETE", teamPath("/directory/assistants/12")],
  ["saveCredential", () => teamApi.saveCredential(T, { label: "Main", apiKey: "wt_secret_key", allowUnchecked: true }), "PUT", teamPath("/credential"), { label: "Main", apiKey: "wt_secret_key", allowUnchecked: true }],
  ["testCredential", () => teamApi.testCredential(T), "POST", teamPath("/credential/test"), {}],
  ["removeCredential", () => teamApi.removeCredential(T), "DELETE", teamPath("/credential")],
  ["listCalls", () => teamApi.listCalls(T, "status=ended&page=2", { fresh: true }), "GET", teamPath("/calls?status=ended&page=2&fresh=1")],
  ["setCallColumns", () => teamApi.setCallColumns(T, ["time", "status"]), "PUT", teamPath("/preferences"), { columns: ["time", "status"] }],
  ["getExportProgress", () => teamApi.getExportProgress(T, "id&x=1"), "GET", teamPath("/calls/export/progress?id=id%26x%3D1")],
  ["getView", () => teamApi.getView(T, V), "GET", teamPath("/views/view%3F3%23x")],
  ["createView", () => teamApi.createView(T, { name: "Mine", visibility: "TEAM", filters: { status: "ended" }, columns: ["time"] }), "POST", teamPath("/views"), { name: "Mine", visibility: "TEAM", filters: { status: "ended" }, columns: ["time"] }],
  ["updateView", () => teamApi.updateView(T, V, { version: 3, name: "Renamed" }), "PATCH", teamPath("/views/view%3F3%23x"), { version: 3, name: "Renamed" }],
  ["deleteView", () => teamApi.deleteView(T, V), "DELETE", teamPath("/views/view%3F3%23x")],
  ["getIndexStatus", () => teamApi.getIndexStatus(T), "GET", teamPath("/index")],
  ["setIndexPaused", () => teamApi.setIndexPaused(T, true), "PATCH", teamPath("/index"), { paused: true }],
  ["requestIndexRebuild", () => teamApi.requestIndexRebuild(T), "POST", teamPath("/index/rebuild"), {}],
  ["setIndexRetention", () => teamApi.setIndexRetention(T, null), "PUT", teamPath("/index/retention"), { retentionDays: null }],
  ["setDefaultViews", () => teamApi.setDefaultViews(T, { user: null }), "PUT", teamPath("/views/defaults"), { user: null }],
];
const URL_BUILDERS = ["teamApiPath", "callRecordingUrl", "callsExportUrl", "analyticsUrl"];

describe("the typed team API client", () => {
  it("has a case below for each of its requests", () => {
    const requests = Object.keys(teamApi).filter((k) => !URL_BUILDERS.includes(k));
    expect(requests.sort()).toEqual(CASES.map(([name]) => name).sort());
  });

  it.each(CASES)("%s sends its method, encoded path and JSON body", async (_name, call, method, url, body) => {
    seen = [];
    await call();
    expect(seen).toHaveLength(1);
    const [req] = seen;
    expect({ method: req.method, url: req.url }).toEqual({ method, url });
    if (body === undefined) {
      expect(req.body).toBe("");
      expect(req.contentType).toBeUndefined();
    } else {
      expect(req.contentType).toBe("application/json");
      expect(JSON.parse(req.body)).toEqual(body);
    }
  });

  it("adds the query only when there is one", async () => {
    seen = [];
    await teamApi.listCalls("t1", "");
    await teamApi.listCalls("t1", "", { fresh: true });
    expect(seen.map((s) => s.url)).toEqual(["/api/teams/t1/calls", "/api/teams/t1/calls?fresh=1"]);
  });

  it("builds the URLs read as streams or played as media with every segment encoded", () => {
    expect(teamApi.teamApiPath(T, "a/b", 7)).toBe(teamPath("/a%2Fb/7"));
    expect(teamApi.callRecordingUrl(T, 42)).toBe(teamPath("/calls/42/recording"));
    expect(teamApi.callsExportUrl(T, new URLSearchParams({ status: "ended", columns: "time,status" }))).toBe(teamPath("/calls/export?status=ended&columns=time%2Cstatus"));
    expect(teamApi.analyticsUrl(T, new URLSearchParams({ type: "web call" }))).toBe(teamPath("/analytics?type=web+call"));
    expect(teamApi.analyticsUrl(T, new URLSearchParams())).toBe(teamPath("/analytics"));
  });

  it("answers with the route's data, or the portal's error as ApiError (apiFetch's convention)", async () => {
    answer = () => Response.json({ user: "v1", team: null });
    expect(await teamApi.setDefaultViews("t1", { user: "v1" })).toEqual({ ok: true, data: { user: "v1", team: null } });

    answer = () => new Response(null, { status: 204 });
    expect(await teamApi.deleteView("t1", "v1")).toEqual({ ok: true, data: null });

    answer = () => errorResponse(new AppError("CONFLICT", "This view was changed by Ann since you opened it.", { details: { reason: "stale", currentVersion: 4 } }));
    const stale = await teamApi.updateView("t1", "v1", { version: 3, name: "x" });
    expect(stale).toMatchObject({ ok: false, error: { status: 409, code: "CONFLICT", message: "This view was changed by Ann since you opened it.", details: { reason: "stale", currentVersion: 4 } } });

    answer = () => errorResponse(new AppError("CONFLICT", "You already have a view with this name.", { fieldErrors: { name: ["You already have a view with this name."] } }));
    const taken = await teamApi.createView("t1", { name: "Mine", columns: ["time"] });
    expect(taken).toMatchObject({ ok: false, error: { status: 409, fieldErrors: { name: ["You already have a view with this name."] } } });
  });

  it("reports a network failure as an error, never a throw", async () => {
    const saved = globalThis.fetch;
    globalThis.fetch = (input, init) => realFetch(new URL(String(input), "http://127.0.0.1:9"), init);
    try {
      expect(await teamApi.getView("t1", "v1")).toMatchObject({ ok: false, error: { status: 0, code: "NETWORK" } });
    } finally {
      globalThis.fetch = saved;
    }
  });
});

/** Source files under `dir` (.ts/.tsx). */
function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sources(rel);
    return /\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

/** The code without comments, lines kept in place (a `//` after `:` is a URL's, not a comment). */
const codeOf = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, "")).replace(/(^|[^:])\/\/.*$/gm, "$1");

describe("URLs of the team API", () => {
  it("are built only by components/api/team-api.ts, never by hand in a component or page", () => {
    const files = [...sources("components"), ...sources("app")].filter((f) => f !== path.join("components", "api", "team-api.ts"));
    expect(files).toContain(path.join("components", "views", "views-toolbar.tsx"));
    const handBuilt = files.flatMap((f) =>
      codeOf(fs.readFileSync(path.join(ROOT, f), "utf8"))
        .split("\n")
        .map((line, i) => ({ line, at: `${f}:${i + 1}` }))
        .filter(({ line }) => line.includes("/api/teams"))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(handBuilt).toEqual([]);
  });

  it("finds a hand-built URL in code but not in a comment", () => {
    expect(codeOf('const u = `/api/teams/${id}/views`; // see /api/teams').includes("/api/teams")).toBe(true);
    expect(codeOf("// GET /api/teams/{teamId}/calls\n/** PUT /api/teams/{id} */\nfetch(x); // GET /api/teams").includes("/api/teams")).toBe(false);
  });
});
