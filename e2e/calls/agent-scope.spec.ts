// An agent sees only the calls of their assigned assistants, and no costs anywhere.
import { DEMO, DEMO_PASSWORD, expect, signIn, simControl, test } from "../fixtures";
import { columnTexts, visibleCallIds } from "./helpers";

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
  for (const id of [foreign, 99_999_999]) {
    // (The status is 200: the page streams behind its loading skeleton before the call is known.)
    await page.goto(`/teams/${DEMO.teamSlug}/calls/${id}`);
    await expect(page.getByRole("heading", { name: "Call not found" })).toBeVisible();
  }

  // An assistant outside the assignments is refused before WhatTalk is asked, with an explanation.
  await page.goto(`/teams/${DEMO.teamSlug}/calls?assistant_id=103`);
  await expect(page.getByText("Not one of your assigned assistants", { exact: false })).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
});
