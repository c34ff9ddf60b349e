// While the list shows calls still in progress, it refreshes them in place (no reload) and stops
// once none are live.
import { DEMO, DEMO_PASSWORD, expect, signIn, simControl, test } from "../fixtures";
import { callRows, visibleCallIds } from "./helpers";

test.afterEach(async ({ request }) => {
  await simControl(request, "/reset", "POST");
});

test("live calls refresh in place, and polling stops when none are live", async ({ page, request }) => {
  test.setTimeout(90_000);
  // The newest calls (the simulator keeps some in progress) are on the first page.
  await signIn(page, DEMO.supervisor, DEMO_PASSWORD, `/teams/${DEMO.teamSlug}/calls?type=outbound`);
  await visibleCallIds(page);
  await expect(page.getByText(/live calls?, refreshing every 5 s/)).toBeVisible();

  const liveRow = callRows(page).filter({ has: page.locator('[data-column="status"] [data-status="in-progress"], [data-column="status"] [data-status="ringing"], [data-column="status"] [data-status="initiated"]') }).first();
  const id = await liveRow.getAttribute("data-call-id");
  expect(id).toBeTruthy();

  // The call ends at WhatTalk: the next refresh shows it, without a navigation.
  const navigations: string[] = [];
  page.on("framenavigated", (f) => {
    if (f === page.mainFrame()) navigations.push(f.url());
  });
  await simControl(request, `/calls/${id}`, "PATCH", { status: "completed", duration: 42 });
  const refresh = await page.waitForRequest((r) => /\/api\/teams\/[^/]+\/calls\?.*fresh=1/.test(r.url()), { timeout: 15_000 });
  expect(new URL(refresh.url()).searchParams.get("type")).toBe("outbound");
  const row = callRows(page).filter({ has: page.locator(`a[href*="/calls/${id}"]`) });
  await expect(row.locator('[data-column="status"]')).toHaveText("Completed", { timeout: 15_000 });
  await expect(row.locator('[data-column="duration"]')).toHaveText("0:42");
  expect(navigations).toEqual([]);

  // A list without live calls does not poll.
  await page.getByLabel("Status", { exact: true }).selectOption("completed");
  await expect(page).toHaveURL(/status=completed/);
  await visibleCallIds(page);
  await expect(page.getByText(/live calls?, refreshing/)).toHaveCount(0);
  let polled = false;
  page.on("request", (r) => {
    if (/\/api\/teams\/[^/]+\/calls\?.*fresh=1/.test(r.url())) polled = true;
  });
  await page.waitForTimeout(7_000);
  expect(polled).toBe(false);
});

test("the pagination follows the live refresh: count and page links", async ({ page, request }) => {
  test.setTimeout(90_000);
  // A call in progress of our own, so the first page (one call per page) is live.
  await simControl(request, "/calls", "POST", { key: "wt_demo_alpha", type: "outbound", status: "initiated" });
  await signIn(page, DEMO.supervisor, DEMO_PASSWORD, `/teams/${DEMO.teamSlug}/calls?type=outbound&per_page=1`);
  await visibleCallIds(page);
  await expect(page.getByText(/live calls?, refreshing every 5 s/)).toBeVisible();

  const range = page.getByText(/^1–1 of [\d,]+$/);
  const total = async () => Number(((await range.textContent()) ?? "").replace(/^1–1 of /, "").replace(/,/g, ""));
  const before = await total();
  expect(before).toBeGreaterThan(1);
  const pages = page.getByRole("navigation", { name: "Pages of calls" });
  await expect(pages.getByRole("link", { name: `Page ${before}`, exact: true })).toBeVisible();

  // Another call starts at WhatTalk: the next refresh counts it, below the table too.
  const added = (await simControl(request, "/calls", "POST", { key: "wt_demo_alpha", type: "outbound", status: "ringing" })) as { id: number };
  await expect(callRows(page).first()).toHaveAttribute("data-call-id", String(added.id), { timeout: 15_000 });
  await expect.poll(total).toBe(before + 1);
  await expect(pages.getByRole("link", { name: `Page ${before + 1}`, exact: true })).toBeVisible();
  await expect(pages.getByRole("link", { name: `Page ${before}`, exact: true })).toHaveCount(0);
  await expect(page.getByText(`${(before + 1).toLocaleString("en-US")} calls`, { exact: true })).toBeVisible();
});
