// When WhatTalk fails, the calls page says what happened and offers Retry (never a blank page,
// a stack trace or WhatTalk's own error text); once WhatTalk answers again, Retry shows the list.
import { DEMO, DEMO_PASSWORD, expect, signIn, simControl, test } from "../fixtures";
import { visibleCallIds } from "./helpers";

test.afterEach(async ({ request }) => {
  await simControl(request, "/faults", "PUT", {});
});

test("an upstream failure shows the error state, and Retry recovers", async ({ page, request }) => {
  test.setTimeout(90_000);
  // A list nobody has loaded yet (a page size of its own), so no cached copy can answer for WhatTalk.
  const perPage = 11 + Math.floor(Math.random() * 80);
  const listPath = `/teams/${DEMO.teamSlug}/calls?type=inbound&per_page=${perPage}`;

  await signIn(page, DEMO.supervisor, DEMO_PASSWORD, `/teams/${DEMO.teamSlug}/calls?status=busy`);
  await visibleCallIds(page);

  await simControl(request, "/faults", "PUT", { failNext: { count: 10, status: 503 } });
  await page.goto(listPath);

  const panel = page.getByRole("alert").filter({ hasText: "WhatTalk is having problems" });
  await expect(panel).toBeVisible();
  await expect(panel).toContainText("try again");
  // The page around it is intact: heading and filters.
  await expect(page.getByRole("heading", { level: 1, name: "Calls" })).toBeVisible();
  await expect(page.getByLabel("Type", { exact: true })).toHaveValue("inbound");
  // Nothing raw: no upstream body, no stack trace.
  const text = await page.locator("main").innerText();
  expect(text).not.toMatch(/Service Unavailable|503|WhatTalkError|at \w+ \(|\.ts:\d+/);
  const retry = panel.getByRole("button", { name: "Retry" });
  await expect(retry).toBeEnabled();

  await simControl(request, "/faults", "PUT", {});
  await retry.click();
  await expect(panel).toHaveCount(0);
  const ids = await visibleCallIds(page);
  expect(ids.length).toBe(perPage);
});
