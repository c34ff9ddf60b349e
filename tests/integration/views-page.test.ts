// Saved views on the calls page, over HTTP as a browser gets it: which view opens by default
// (the member's, else the team's, else none) and lands in the URL; an agent applying a wider team
// view still gets only their own assistants' calls, with a note; a view whose stored filters no
// longer validate, or name an assistant or campaign the team's directory no longer has, opens with
// an explanation instead of breaking the page; another team's view never applies.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { assignAssistants, Client, connectTeam, simControl, simRequests, teamWithRoles } from "./helpers";

let t: Awaited<ReturnType<typeof teamWithRoles>>;
let other: Awaited<ReturnType<typeof teamWithRoles>>;
const views = (teamId = t.team.id) => `/api/teams/${teamId}/views`;
const calls = (query = "") => `/teams/${t.team.slug}/calls${query ? `?${query}` : ""}`;
const COLS = ["time", "status", "assistant", "customerPhone"];

/** The page's text content as a reader sees it (tags stripped, entities decoded), plus its raw HTML. */
async function page(client: Client, path: string): Promise<{ status: number; location: string | null; html: string; text: string }> {
  const res = await client.get(path);
  const html = await res.text();
  const text = html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
  return { status: res.status, location: res.headers.get("location"), html, text };
}

/**
 * Where the calls page sends the browser when it redirects: an HTTP redirect, or (once the page
 * has started streaming behind its loading skeleton) Next's in-document redirect.
 */
async function redirectOf(client: Client, path: string): Promise<string | null> {
  const p = await page(client, path);
  if (p.status >= 300 && p.status < 400) return p.location;
  const meta = /<meta[^>]+http-equiv="refresh"[^>]+content="\d+;\s*url=([^"]+)"/i.exec(p.html);
  if (meta) return meta[1].replace(/&amp;/g, "&");
  const digest = /NEXT_REDIRECT;[a-z]+;([^;"\\]+);/.exec(p.html);
  return digest ? digest[1].replace(/\\u0026/g, "&") : null;
}

async function createView(client: Client, body: Record<string, unknown>, teamId = t.team.id) {
  const res = await client.post(views(teamId), { columns: COLS, filters: {}, visibility: "PERSONAL", ...body });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; name: string; version: number };
}

beforeAll(async () => {
  t = await teamWithRoles();
  other = await teamWithRoles();
  await connectTeam(t.team.id, "wt_demo_alpha");
  await connectTeam(other.team.id, "wt_demo_alpha");
  await assignAssistants(t.team.id, t.users.AGENT.id, [101, 102]);
});

beforeEach(async () => {
  await simControl("/reset", { method: "POST" });
});

describe("the calls page with saved views", () => {
  it("opens on the member's default view, else the team default, else unfiltered calls; the URL names the view", async () => {
    // No views yet: no redirect, unfiltered calls.
    const plain = await page(t.clients.AGENT, calls());
    expect(plain.status).toBe(200);
    expect(plain.text).toContain("View: All calls");

    const teamView = await createView(t.clients.SUPERVISOR, { name: "Failed calls (team)", visibility: "TEAM", filters: { status: "failed" } });
    expect((await t.clients.SUPERVISOR.put(`${views()}/defaults`, { team: teamView.id })).status).toBe(200);

    // The team default applies, in a shareable URL.
    const toTeam = await redirectOf(t.clients.AGENT, calls());
    expect(toTeam).toBe(`/teams/${t.team.slug}/calls?view=${teamView.id}&status=failed`);
    const applied = await page(t.clients.AGENT, toTeam!);
    expect(applied.status).toBe(200);
    expect(applied.text).toContain("View: Failed calls (team)");
    expect(applied.text).toContain("Team default");
    expect(applied.text).not.toContain("Modified");

    // The member's own default wins over the team's.
    const mine = await createView(t.clients.AGENT, { name: "My inbound", filters: { type: "inbound" } });
    expect((await t.clients.AGENT.put(`${views()}/defaults`, { user: mine.id })).status).toBe(200);
    expect(await redirectOf(t.clients.AGENT, calls())).toBe(`/teams/${t.team.slug}/calls?view=${mine.id}&type=inbound`);
    // Others keep the team default.
    expect(await redirectOf(t.clients.ADMIN, calls())).toBe(`/teams/${t.team.slug}/calls?view=${teamView.id}&status=failed`);

    // `view=none` shows unfiltered calls without a redirect, and its links keep it.
    const none = await page(t.clients.AGENT, calls("view=none"));
    expect(none.status).toBe(200);
    expect(none.text).toContain("View: All calls");
    expect(none.html).toMatch(/href="\/teams\/[^"]+\/calls\?view=none&amp;page=2"/);

    // Deleting a default falls back to the next one: mine → the team's → none.
    expect((await t.clients.AGENT.delete(`${views()}/${mine.id}`)).status).toBe(204);
    expect(await redirectOf(t.clients.AGENT, calls())).toBe(`/teams/${t.team.slug}/calls?view=${teamView.id}&status=failed`);
    expect((await t.clients.SUPERVISOR.delete(`${views()}/${teamView.id}`)).status).toBe(204);
    const after = await page(t.clients.AGENT, calls());
    expect(after.status).toBe(200);
    expect(after.text).toContain("View: All calls");
  });

  it("marks a view as modified when the URL's filters differ from it", async () => {
    const v = await createView(t.clients.SUPERVISOR, { name: "Completed outbound", filters: { status: "completed", type: "outbound" } });
    const same = await page(t.clients.SUPERVISOR, calls(`view=${v.id}&status=completed&type=outbound`));
    expect(same.text).toContain("View: Completed outbound");
    expect(same.text).not.toContain("Modified");
    const changed = await page(t.clients.SUPERVISOR, calls(`view=${v.id}&status=completed&type=inbound`));
    expect(changed.text).toContain("View: Completed outbound");
    expect(changed.text).toContain("Modified");
    expect(changed.text).toContain("Reset");
  });

  it("narrows an agent's wider team view to their own assistants, with a note, instead of refusing it", async () => {
    const wide = await createView(t.clients.SUPERVISOR, { name: "Assistant 103", visibility: "TEAM", filters: { assistant_id: 103 } });
    await simControl("/requests", { method: "DELETE" });
    const p = await page(t.clients.AGENT, calls(`view=${wide.id}&assistant_id=103`));
    expect(p.status).toBe(200);
    expect(p.text).toContain("This view's assistant #103 is not assigned to you; showing your assistants instead.");
    expect(p.text).not.toContain("Not one of your assigned assistants");

    // Only the agent's assistants were asked for, and only their calls are on the page.
    const asked = (await simRequests()).filter((r) => r.path === "/api/user/calls");
    expect(asked.length).toBeGreaterThan(0);
    for (const r of asked) expect(["101", "102"]).toContain(r.query.assistant_id);
    const ids = [...p.html.matchAll(/data-call-id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(ids.length).toBe(25);
    for (const id of ids.slice(0, 10)) {
      const { call } = (await simControl(`/calls/${id}`)) as { call: { assistant_id: number } };
      expect([101, 102]).toContain(call.assistant_id);
    }

    // A supervisor applying the same view gets assistant 103's calls.
    await simControl("/requests", { method: "DELETE" });
    const sup = await page(t.clients.SUPERVISOR, calls(`view=${wide.id}&assistant_id=103`));
    expect(sup.text).not.toContain("is not assigned to you");
    expect((await simRequests()).filter((r) => r.path === "/api/user/calls").map((r) => r.query.assistant_id)).toEqual(["103"]);

    // Typed by hand (no view), the same assistant is still refused before WhatTalk is asked.
    await simControl("/requests", { method: "DELETE" });
    const typed = await page(t.clients.AGENT, calls("assistant_id=103"));
    expect(typed.text).toContain("Not one of your assigned assistants");
    expect(await simRequests()).toEqual([]);
    // And the API keeps its 403 for an explicit assistant id.
    expect((await t.clients.AGENT.get(`/api/teams/${t.team.id}/calls?assistant_id=103`)).status).toBe(403);
  });

  it("opens a view whose stored filters no longer validate with an explanation and a way to fix it", async () => {
    const v = await createView(t.clients.SUPERVISOR, { name: "Legacy view", visibility: "TEAM", filters: { status: "failed", type: "inbound" } });
    // As if the schema had changed under it: a status WhatTalk no longer knows.
    await db().savedView.update({ where: { id: v.id }, data: { filters: { status: "archived", type: "inbound", per_page: 25 } } });

    const target = await redirectOf(t.clients.SUPERVISOR, calls(`view=${v.id}`));
    expect(target).toBeNull();
    const p = await page(t.clients.SUPERVISOR, calls(`view=${v.id}&status=archived&type=inbound`));
    expect(p.status).toBe(200);
    expect(p.text).toContain("The view “Legacy view” cannot be applied as saved");
    expect(p.text).toContain("Status must be one of");
    expect(p.text).toContain("Delete view");
    expect(p.text).not.toContain("Some filters are invalid");
    // "Edit filters and save" keeps the view and its valid filters, without the broken one.
    const edit = /<a[^>]+href="([^"]+)"[^>]*>Edit filters and save</.exec(p.html);
    expect(edit?.[1].replace(/&amp;/g, "&")).toBe(`/teams/${t.team.slug}/calls?view=${v.id}&type=inbound`);

    const fixing = await page(t.clients.SUPERVISOR, calls(`view=${v.id}&type=inbound`));
    expect(fixing.text).toContain("Fixing the view “Legacy view”");
    expect(fixing.text).toContain("Modified");
    expect(fixing.html).toMatch(/data-call-id="\d+"/);

    // An agent cannot change it: no "Edit filters and save" or "Delete view", but the valid part to use.
    const agent = await page(t.clients.AGENT, calls(`view=${v.id}&status=archived&type=inbound`));
    expect(agent.text).toContain("cannot be applied as saved");
    expect(agent.text).toContain("Use its other filters");
    expect(agent.text).not.toContain("Delete view");
  });

  it("opens a view naming an assistant or campaign no longer in the team's directory with a clear message, for a supervisor and an agent", async () => {
    // A team of its own: its directory is the subject here.
    const d = await teamWithRoles();
    await connectTeam(d.team.id, "wt_demo_alpha");
    await assignAssistants(d.team.id, d.users.AGENT.id, [101, 102, 555]);
    const dViews = views(d.team.id);
    const dCalls = (query: string) => `/teams/${d.team.slug}/calls?${query}`;
    const pilot = await createView(d.clients.SUPERVISOR, { name: "Pilot completed", visibility: "TEAM", filters: { assistant_id: 990, status: "completed" } }, d.team.id);
    const spring = await createView(d.clients.AGENT, { name: "Spring pilot", filters: { campaign_id: 7001 } }, d.team.id);
    const assigned = await createView(d.clients.AGENT, { name: "My 555", filters: { assistant_id: 555 } }, d.team.id);

    // A directory that does not speak for a kind flags nothing: empty, then only entries learned from calls.
    const none = await page(d.clients.SUPERVISOR, dCalls(`view=${pilot.id}&assistant_id=990&status=completed`));
    expect(none.text).toContain("View: Pilot completed");
    expect(none.text).not.toContain("no longer in this team's directory");
    await db().assistant.create({ data: { teamId: d.team.id, externalId: 101, name: "Learned 101", source: "LEARNED" } });
    await db().campaign.create({ data: { teamId: d.team.id, externalId: 1001, name: "Learned 1001", source: "LEARNED" } });
    const learned = await page(d.clients.AGENT, dCalls(`view=${spring.id}&campaign_id=7001`));
    expect(learned.text).not.toContain("no longer in this team's directory");
    expect(learned.text).not.toContain("Needs fixing");

    // Synced from WhatTalk (101–107) plus entries by hand; then the pilot assistant and one campaign
    // are removed (another hand-made campaign stays, so the directory still speaks for campaigns).
    expect((await d.clients.ADMIN.post(`/api/teams/${d.team.id}/directory/sync`)).status).toBe(200);
    expect((await d.clients.ADMIN.post(`/api/teams/${d.team.id}/directory/assistants`, { id: 990, name: "Pilot assistant" })).status).toBe(201);
    for (const [id, name] of [[7001, "Spring pilot"], [7002, "Autumn"]] as const) expect((await d.clients.ADMIN.post(`/api/teams/${d.team.id}/directory/campaigns`, { id, name })).status).toBe(201);
    const present = await page(d.clients.SUPERVISOR, dCalls(`view=${pilot.id}&assistant_id=990&status=completed`));
    expect(present.text).not.toContain("no longer in this team's directory");
    expect((await d.clients.ADMIN.delete(`/api/teams/${d.team.id}/directory/assistants/990`)).status).toBe(200);
    expect((await d.clients.ADMIN.delete(`/api/teams/${d.team.id}/directory/campaigns/7001`)).status).toBe(200);

    // The API says what is wrong with each view; an assigned assistant the directory lacks is not flagged.
    const listed = (await (await d.clients.AGENT.get(dViews)).json()) as { mine: { id: string; problem: unknown }[]; team: { id: string; problem: unknown }[] };
    expect(listed.team.find((v) => v.id === pilot.id)?.problem).toEqual({ assistant_id: ["Assistant #990 is no longer in this team's directory: choose another assistant or remove that filter."] });
    expect(listed.mine.find((v) => v.id === spring.id)?.problem).toEqual({ campaign_id: ["Campaign #7001 is no longer in this team's directory: choose another campaign or remove that filter."] });
    expect(listed.mine.find((v) => v.id === assigned.id)?.problem).toBeNull();

    // Supervisor: the message, "Delete view" and "Edit filters and save"; nothing asked of WhatTalk.
    await simControl("/requests", { method: "DELETE" });
    const sup = await page(d.clients.SUPERVISOR, dCalls(`view=${pilot.id}&assistant_id=990&status=completed`));
    expect(sup.status).toBe(200);
    expect(sup.text).toContain("The view “Pilot completed” cannot be applied as saved");
    expect(sup.text).toContain("Assistant #990 is no longer in this team's directory: choose another assistant or remove that filter.");
    expect(sup.text).toContain("Needs fixing");
    expect(sup.text).toContain("Delete view");
    expect(sup.text).not.toContain("No calls match");
    expect(sup.html).not.toMatch(/data-call-id="\d+"/);
    expect((await simRequests()).filter((r) => r.path === "/api/user/calls")).toEqual([]);
    const edit = /<a[^>]+href="([^"]+)"[^>]*>Edit filters and save</.exec(sup.html);
    expect(edit?.[1].replace(/&amp;/g, "&")).toBe(`/teams/${d.team.slug}/calls?view=${pilot.id}&status=completed`);
    const fixing = await page(d.clients.SUPERVISOR, edit![1].replace(/&amp;/g, "&"));
    expect(fixing.text).toContain("Fixing the view “Pilot completed”");
    expect(fixing.text).toContain("Modified");
    expect(fixing.html).toMatch(/data-call-id="\d+"/);
    // Saving the fix clears the problem.
    const saved = await d.clients.SUPERVISOR.patch(`${dViews}/${pilot.id}`, { version: pilot.version, filters: { status: "completed", assistant_id: 103 } });
    expect(saved.status).toBe(200);
    expect((await saved.json()).problem).toBeNull();

    // Agent on a team view: the same message instead of "not assigned to you"; no way to change it, the rest to use.
    const wide = await createView(d.clients.SUPERVISOR, { name: "Retired", visibility: "TEAM", filters: { assistant_id: 990 } }, d.team.id);
    await simControl("/requests", { method: "DELETE" });
    const agent = await page(d.clients.AGENT, dCalls(`view=${wide.id}&assistant_id=990`));
    expect(agent.status).toBe(200);
    expect(agent.text).toContain("Assistant #990 is no longer in this team's directory");
    expect(agent.text).not.toContain("is not assigned to you");
    expect(agent.text).not.toContain("Not one of your assigned assistants");
    expect(agent.text).toContain("Use its other filters");
    expect(agent.text).not.toContain("Delete view");
    expect((await simRequests()).filter((r) => r.path === "/api/user/calls")).toEqual([]);

    // Agent on their own personal view of the removed campaign: they can fix or delete it.
    const own = await page(d.clients.AGENT, dCalls(`view=${spring.id}&campaign_id=7001`));
    expect(own.text).toContain("The view “Spring pilot” cannot be applied as saved");
    expect(own.text).toContain("Campaign #7001 is no longer in this team's directory");
    expect(own.text).toContain("Delete view");
    expect(own.text).toContain("Edit filters and save");
    expect((await d.clients.AGENT.delete(`${dViews}/${spring.id}`)).status).toBe(204);

    // The assistant assigned to the agent opens as usual.
    const mine = await page(d.clients.AGENT, dCalls(`view=${assigned.id}&assistant_id=555`));
    expect(mine.text).toContain("View: My 555");
    expect(mine.text).not.toContain("Needs fixing");
  });

  it("never applies another team's view, nor someone else's personal view", async () => {
    const foreign = await createView(other.clients.SUPERVISOR, { name: "Other team secret", visibility: "TEAM", filters: { status: "busy" } }, other.team.id);
    const p = await page(t.clients.SUPERVISOR, calls(`view=${foreign.id}&status=busy`));
    expect(p.status).toBe(200);
    expect(p.text).toContain("This saved view is not available");
    expect(p.text).toContain("View: All calls");
    expect(p.html).not.toContain("Other team secret");

    const personal = await createView(t.clients.ADMIN, { name: "Admin private", filters: { status: "busy" } });
    const q = await page(t.clients.SUPERVISOR, calls(`view=${personal.id}&status=busy`));
    expect(q.text).toContain("This saved view is not available");
    expect(q.html).not.toContain("Admin private");
  });
});
