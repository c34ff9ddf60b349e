// The column chooser is remembered per member, and the phone search filters as people type.
import { DEMO, DEMO_PASSWORD, expect, signIn, test } from "../fixtures";
import { columnTexts, visibleCallIds } from "./helpers";

test("hidden columns stay hidden after a reload; the phone search narrows the list", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO.admin, DEMO_PASSWORD, `/teams/${DEMO.teamSlug}/calls`);
  await visibleCallIds(page);
  await expect(page.getByRole("columnheader", { name: "Sentiment" })).toBeVisible();

  await page.getByRole("button", { name: "Columns" }).click();
  const saved = page.waitForResponse((r) => r.url().endsWith("/preferences") && r.request().method() === "PUT");
  await page.getByRole("menuitemcheckbox", { name: "Sentiment" }).click();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("columnheader", { name: "Sentiment" })).toHaveCount(0);
  expect((await saved).status()).toBe(200);

  await page.reload();
  await visibleCallIds(page);
  await expect(page.getByRole("columnheader", { name: "Sentiment" })).toHaveCount(0);
  await expect(page.getByRole("columnheader", { name: "Cost" })).toBeVisible();

  // Put it back (other journeys read the default columns).
  await page.getByRole("button", { name: "Columns" }).click();
  const restored = page.waitForResponse((r) => r.url().endsWith("/preferences") && r.request().method() === "PUT");
  await page.getByRole("menuitemcheckbox", { name: "Sentiment" }).click();
  await page.keyboard.press("Escape");
  expect((await restored).status()).toBe(200);
  await expect(page.getByRole("columnheader", { name: "Sentiment" })).toBeVisible();

  // Phone search: typed like people type it, applied after a pause, in the URL.
  await page.getByLabel("Customer phone").fill("0532");
  await expect(page).toHaveURL(/[?&]phone_number=0532(&|$)/);
  await expect(async () => {
    const phones = await columnTexts(page, "customerPhone");
    expect(phones.length).toBeGreaterThan(0);
    for (const p of phones) expect(p.replace(/\D/g, "")).toContain("0532");
  }).toPass();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).not.toHaveURL(/phone_number/);
  await expect(page.getByLabel("Customer phone")).toHaveValue("");
});
