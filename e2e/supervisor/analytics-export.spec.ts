// A supervisor opens the analytics, changes the range and sees the charts and numbers follow,
// then downloads a CSV export of the current filters and the file holds exactly those calls.
import fs from "node:fs";
import { DEMO, DEMO_PASSWORD, expect, signIn, simCalls, test } from "../fixtures";
import { addDays, todayIn } from "../../lib/validation/dates";
import { csvRecords, parseCsv } from "../../tests/support/parse-csv";

const TEAM_ZONE = "Europe/Istanbul"; // the demo team's time zone (prisma/seed.ts)

const count = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

test("analytics follow the range, and the export of the filters has exactly their calls", async ({ page }) => {
  test.setTimeout(120_000);
  const today = todayIn(TEAM_ZONE);
  await signIn(page, DEMO.supervisor, DEMO_PASSWORD, `/teams/${DEMO.teamSlug}/analytics`);
  await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Last 7 days" })).toHaveAttribute("aria-current", "true");

  // Last 7 days by default: one bar group and one table row per day.
  const perDay = page.getByRole("figure", { name: "Calls per day by status" });
  await expect(perDay).toBeVisible({ timeout: 30_000 });
  await expect(perDay.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await perDay.getByText("Show as table").click();
  await expect(perDay.getByRole("table").locator("tbody tr")).toHaveCount(7);
  await expect(perDay.getByRole("table").locator("tbody tr").first().getByRole("cell").first()).toHaveText(addDays(today, -6));
  const total7 = Number((await page.getByTestId("total-calls").getByText(/^[\d,]+$/).textContent())!.replace(/,/g, ""));
  expect(total7).toBeGreaterThan(0);
  await expect(page.getByRole("figure", { name: "Sentiment" })).toBeVisible();
  await expect(page.getByRole("figure", { name: "Outcome" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Calls by assistant" })).toBeVisible();
  await expect(page.getByText("completed, ended, ended_by_customer, ended_by_assistant")).toBeVisible();

  // A longer range: the URL, the preset, the chart's days and the numbers change.
  await page.getByRole("link", { name: "Last 30 days" }).click();
  const from = addDays(today, -29);
  await expect(page).toHaveURL(new RegExp(`date_from=${from}&date_to=${today}`));
  await expect(page.getByRole("link", { name: "Last 30 days" })).toHaveAttribute("aria-current", "true");
  const perDay30 = page.getByRole("figure", { name: "Calls per day by status" });
  await expect(perDay30).toBeVisible({ timeout: 30_000 });
  await perDay30.getByText("Show as table").click();
  await expect(perDay30.getByRole("table").locator("tbody tr")).toHaveCount(30);
  const expected = await simCalls({ date_from: from, date_to: today });
  const shown = Number((await page.getByTestId("total-calls").getByText(/^[\d,]+$/).textContent())!.replace(/,/g, ""));
  expect(shown).toBeGreaterThan(total7);
  // Calls may arrive while we look (the range includes today): the page read them before us.
  expect(shown).toBeLessThanOrEqual(expected.length);
  expect(shown).toBeGreaterThanOrEqual(expected.length - 3);

  // Narrow to completed calls up to yesterday (a list that cannot change) and export it.
  const yesterday = addDays(today, -1);
  await expect(page.getByLabel(/^From/)).toHaveValue(from);
  await page.getByLabel("To", { exact: true }).fill(yesterday);
  await page.getByLabel("Status", { exact: true }).selectOption("completed");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]status=completed/);
  const completed = await simCalls({ status: "completed", date_from: from, date_to: yesterday });
  await expect(page.getByTestId("total-calls").getByText(count(completed.length), { exact: true })).toBeVisible({ timeout: 30_000 });

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export these calls (CSV)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`${DEMO.teamSlug}_calls_${from}_${yesterday}.csv`);
  const bytes = fs.readFileSync((await file.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const records = csvRecords(parseCsv(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1)));
  expect(records.map((r) => Number(r.id))).toEqual(completed.map((c) => c.id));
  expect(new Set(records.map((r) => r.status))).toEqual(new Set(["completed"]));
  await expect(page.getByText(`Exported ${count(completed.length)} calls to ${DEMO.teamSlug}_calls_${from}_${yesterday}.csv.`)).toBeVisible();
});
