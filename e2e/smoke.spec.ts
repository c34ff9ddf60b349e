import { DEMO, expect, signIn, test } from "./fixtures";

// The demo as a first-time visitor sees it: sign-in, the team's calls, sign-out.
test("signs in, shows the demo team's calls and signs out", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

  await page.getByLabel("E-mail").fill(DEMO.supervisor);
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong e-mail or password" })).toBeVisible();

  await signIn(page, DEMO.supervisor);
  await expect(page).toHaveURL(new RegExp(`/teams/${DEMO.teamSlug}/calls`));
  await expect(page.getByRole("table")).toBeVisible();
  expect(await page.getByRole("row").count()).toBeGreaterThan(10);
  await expect(page.getByText("WhatTalk Team Portal").first()).toBeVisible();

  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto(`/teams/${DEMO.teamSlug}/calls`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
});
