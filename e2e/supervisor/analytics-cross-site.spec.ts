// A link on another site to the analytics page: the page opens (the session cookie is Lax), but the
// analytics, which read every matching call from WhatTalk, wait for the supervisor's click.
import { DEMO, expect, signIn, simControl, test } from "../fixtures";
import { addDays, todayIn } from "../../lib/validation/dates";

test("analytics opened from another site's link run only on a click", async ({ page, request }) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO.supervisor);
  // A range no other journey runs, so no cached result is shown instead.
  const today = todayIn("Europe/Istanbul");
  const target = `/teams/${DEMO.teamSlug}/analytics?date_from=${addDays(today, -60)}&date_to=${addDays(today, -56)}`;
  const portal = new URL(page.url()).origin;
  await page.route("http://elsewhere.example/", (route) =>
    route.fulfill({ contentType: "text/html", body: `<!doctype html><title>Elsewhere</title><a href="${portal}${target}">Our call stats</a>` }),
  );
  await page.goto("http://elsewhere.example/");
  await simControl(request, "/requests", "DELETE");
  await page.getByRole("link", { name: "Our call stats" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();
  await page.waitForTimeout(2_000); // nothing starts by itself meanwhile
  const before = (await simControl(request, "/requests")) as { path: string }[] | { requests: { path: string }[] };
  expect((Array.isArray(before) ? before : before.requests).filter((r) => r.path === "/api/user/calls")).toEqual([]);
  await expect(page.getByText("Run these analytics?")).toBeVisible();

  await page.getByRole("button", { name: "Run analytics" }).click();
  await expect(page.getByTestId("analytics-result")).toBeVisible({ timeout: 30_000 });
  const after = (await simControl(request, "/requests")) as { path: string }[] | { requests: { path: string }[] };
  expect((Array.isArray(after) ? after : after.requests).filter((r) => r.path === "/api/user/calls").length).toBeGreaterThan(0);

  // Opened directly (typed or bookmarked: Sec-Fetch-Site none), the page runs at once.
  await page.goto(`${target}&status=completed`);
  await expect(page.getByTestId("analytics-result")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Run these analytics?")).toHaveCount(0);
});
