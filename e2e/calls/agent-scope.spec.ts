// An agent sees only the calls of their assigned assistants, and no costs anywhere.
import { DEMO, DEMO_PASSWORD, expect, signIn, simControl, test } from "../fixtures";
import { callRows, columnTexts, visibleCallIds } from "./helpers";

// The demo agent's assignments (prisma/seed.ts): the simulator's assistants 101 and 102.
const ASSIGNED = ["Satış Asistanı – Ayşe", "Müşteri Hizmetleri (Gelen)"];

test("an agent sees only assigned assistants' calls and no costs", async ({ page, request }) => {
  test.setTimeout(90_000);
  const apiBodies: string[] = [];
  page.on("response", async (res) => {
    if (/\/api\/teams\/[^/]+\/calls/.test(res.url()) && res.headers()["content-type"]?.includes("json")) apiBodies.push(await res.text().catch(() => ""));
  });

  await signIn(page, DEMO.agent, DEMO_PASSWORD, `/teams/${DEMO.teamSlug}/calls`);
  await expect(page.getByRole("heading", { level: 1, name: "Calls" })).toBeVisible();
  await expect(page.getByText("Calls of the assistants assigned to you.", { exact: false })).toBeVisible();

  for (const pageNo of [1, 2]) {
    if (pageNo === 2) {
      await page.getByRole("link", { name: "Page 2", exact: true }).click();
      await expect(page).toHaveURL(/[?&]page=2(&|$)/);
    }
    const ids = await visibleCallIds(page);
    expect(ids.length).toBe(25);
    const assistants = await columnTexts(page, "assistant");
    expect(assistants.length).toBe(25);
    for (const a of assistants) expect(ASSIGNED).toContain(a);
  }

  // The assistant picker offers the assigned assistants only.
  const options = await page.getByLabel("Assistant", { exact: true }).locator("option").allTextContents();
  expect(options[0]).toBe("All my assistants");
  expect(options.slice(1).map((o) => o.replace(/ \(#\d+\)$/, "")).sort()).toEqual([...ASSIGNED].sort());

  // No cost column, not even in the column chooser, and no cost values in the page or its data.
  await expect(page.getByRole("columnheader", { name: "Cost" })).toHaveCount(0);
  await page.getByRole("button", { name: "Columns" }).click();
  await expect(page.getByRole("menuitemcheckbox", { name: "Status" })).toBeVisible();
  await expect(page.getByRole("menuitemcheckbox", { name: "Cost" })).toHaveCount(0);
  await page.keyboard.press("Escape");
  const html = await page.content();
  expect(html).not.toMatch(/totalCost|carrierCost|total_cost|carrier_cost/);

  // A call's detail: no costs either.
  const first = page.getByRole("table").locator("tbody").getByRole("row").first();
  const callId = await first.getAttribute("data-call-id");
  await first.getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1, name: `Call ${callId}` })).toBeVisible();
  await expect(page.getByText("Total cost")).toHaveCount(0);
  await expect(page.getByText("Carrier cost")).toHaveCount(0);
  expect(await page.content()).not.toMatch(/totalCost|carrierCost|total_cost|carrier_cost/);
  for (const body of apiBodies) expect(body).not.toMatch(/totalCost|carrierCost|total_cost|carrier_cost/);

  // A call of the team's other assistants, or one that does not exist, is simply "not found".
  let foreign: number | null = null;
  for (let id = 10001; id < 10100 && foreign === null; id++) {
    const { key, call } = (await simControl(request, `/calls/${id}`)) as { key: string; call: { assistant_id: number | null } };
    if (key === "wt_demo_alpha" && call.assistant_id !== null && ![101, 102].includes(call.assistant_id)) foreign = id;
  }
  expect(foreign).not.toBeNull();
  for (const id of [foreign, 99_999_999, "abc"]) {
    // A real 404: the page load checks the call before anything streams.
    const res = await page.goto(`/teams/${DEMO.teamSlug}/calls/${id}`);
    expect(res?.status(), String(id)).toBe(404);
    await expect(page.getByRole("heading", { name: "Call not found" })).toBeVisible();
  }

  // An assistant outside the assignments is refused before WhatTalk is asked, with an explanation.
  await page.goto(`/teams/${DEMO.teamSlug}/calls?assistant_id=103`);
  await expect(page.getByText("Not one of your assigned assistants", { exact: false })).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
});

test.describe("when WhatTalk ignores the assistant filter", () => {
  test.afterEach(async ({ request }) => {
    await simControl(request, "/reset", "POST");
  });

  test("the agent's calls page, its live refresh and a call opened from it show only assigned assistants' calls", async ({ page, request }) => {
    test.setTimeout(90_000);
    await simControl(request, "/faults", "PATCH", { ignoreAssistantFilter: true });
    // Calls in progress of an assigned and of another assistant, newest of all (so the page polls).
    const mine = (await simControl(request, "/calls", "POST", { key: "wt_demo_alpha", type: "outbound", status: "ringing", assistant_id: 101 })) as { id: number };
    const other = (await simControl(request, "/calls", "POST", { key: "wt_demo_alpha", type: "outbound", status: "ringing", assistant_id: 103 })) as { id: number };
    const refreshes: { calls: { id: number; assistantName: string }[]; meta: { droppedOutOfScope: number } }[] = [];
    page.on("response", async (res) => {
      if (/\/api\/teams\/[^/]+\/calls\?.*fresh=1/.test(res.url())) refreshes.push(await res.json());
    });

    await signIn(page, DEMO.agent, DEMO_PASSWORD, `/teams/${DEMO.teamSlug}/calls?type=outbound`);
    const ids = await visibleCallIds(page);
    expect(ids).toContain(String(mine.id));
    expect(ids).not.toContain(String(other.id));
    for (const a of await columnTexts(page, "assistant")) expect(ASSIGNED).toContain(a);
    await expect(page.getByText(/live calls?, refreshing every 5 s/)).toBeVisible();

    // The other assistant's call ends; the refresh still leaves it out and counts what it dropped.
    await simControl(request, `/calls/${other.id}`, "PATCH", { status: "completed", duration: 30 });
    await expect.poll(() => refreshes.length, { timeout: 15_000 }).toBeGreaterThan(0);
    for (const r of refreshes) {
      expect(r.calls.map((c) => c.id)).not.toContain(other.id);
      for (const c of r.calls) expect(ASSIGNED).toContain(c.assistantName);
      expect(r.meta.droppedOutOfScope).toBeGreaterThan(0);
    }
    await expect(callRows(page).filter({ has: page.locator(`a[href*="/calls/${other.id}"]`) })).toHaveCount(0);
    for (const a of await columnTexts(page, "assistant")) expect(ASSIGNED).toContain(a);

    // Opening the agent's call from the list (a router navigation) shows it.
    await callRows(page).filter({ has: page.locator(`a[href*="/calls/${mine.id}"]`) }).getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 1, name: `Call ${mine.id}` })).toBeVisible();
  });
});
