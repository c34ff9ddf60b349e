// The calls page's "Export CSV" in a real browser: a supervisor hides a column and filters; the
// downloaded file has the visible columns (plus the variables and the other evaluation fields the
// button says it always adds) and exactly the filter's calls. An export made slow by the
// simulator's latency is cancelled: the page says so and no file is saved. WhatTalk failing in
// the middle of an export shows the incomplete-file message instead of saving a file that looks
// complete.
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expect, signIn, simControl, simCalls, test } from "../fixtures";
import { addDays, todayIn } from "../../lib/validation/dates";
import { EXPORT_COLUMN_HEADERS, EXPORT_COLUMN_ORDER, type ExportColumnId } from "../../lib/export/columns";
import { csvRecords, parseCsv } from "../../tests/support/parse-csv";
import { callRows, visibleCallIds } from "./helpers";

const TEAM_ZONE = "Europe/Istanbul"; // the demo team's time zone (prisma/seed.ts)
const count = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** The table's visible column ids, in order, as the first row's cells carry them. */
async function visibleColumnIds(page: Page): Promise<string[]> {
  return callRows(page)
    .first()
    .locator("td[data-column]")
    .evaluateAll((cells) => cells.map((c) => c.getAttribute("data-column") ?? ""));
}

/**
 * Checks a CSV header against the columns: `id`, then each chosen column's headers in the export's
 * canonical order, where `evaluation` stands for any number of `evaluation.<key>` headers and
 * `variables` for `variables` followed by any number of `variables.<key>`.
 */
function expectHeader(header: string[], columns: ExportColumnId[]) {
  const rest = [...header];
  expect(rest.shift()).toBe("id");
  for (const col of EXPORT_COLUMN_ORDER.filter((c) => columns.includes(c))) {
    if (col === "evaluation") {
      let n = 0;
      for (; rest[0]?.startsWith("evaluation."); n++) rest.shift();
      expect(n, "evaluation.<key> columns").toBeGreaterThan(0);
    } else if (col === "variables") {
      expect(rest.shift()).toBe("variables");
      while (rest[0]?.startsWith("variables.")) rest.shift();
    } else {
      for (const h of EXPORT_COLUMN_HEADERS[col]) expect(rest.shift(), `header of ${col}`).toBe(h);
    }
  }
  expect(rest, "no other columns").toEqual([]);
}

test.afterEach(async ({ request }) => {
  await simControl(request, "/faults", "PUT", {});
});

test("Export CSV on the calls page: visible columns and the filter's calls; cancelled; incomplete when WhatTalk fails midway", async ({ page, request }) => {
  test.setTimeout(240_000);
  const today = todayIn(TEAM_ZONE);
  // Reaching back before the call index's window (90 days): the export reads WhatTalk, whose slowness
  // and failure this journey is about (an index that covers the range answers instead: db tests).
  const from = addDays(today, -100);
  const yesterday = addDays(today, -1);
  const downloads: string[] = [];
  page.on("download", (d) => downloads.push(d.suggestedFilename()));

  // A range that cannot change any more (up to yesterday), then the filters through the filter bar.
  await signIn(page, DEMO.supervisor, DEMO_PASSWORD, `/teams/${DEMO.teamSlug}/calls?date_from=${from}&date_to=${yesterday}`);
  await visibleCallIds(page);
  await page.getByLabel("Status", { exact: true }).selectOption("completed");
  await expect(page).toHaveURL(/[?&]status=completed(&|$)/);
  await page.getByLabel("Type", { exact: true }).selectOption("outbound");
  await expect(page).toHaveURL(/[?&]type=outbound(&|$)/);
  const expected = await simCalls({ status: "completed", type: "outbound", date_from: from, date_to: yesterday });
  expect(expected.length).toBeGreaterThan(100); // more than one upstream page
  await expect(page.getByText(`${count(expected.length)} calls`, { exact: true })).toBeVisible();
  await visibleCallIds(page);

  // Hide a column with the column chooser.
  await page.getByRole("button", { name: "Columns" }).click();
  const hidden = page.waitForResponse((r) => r.url().endsWith("/preferences") && r.request().method() === "PUT");
  await page.getByRole("menuitemcheckbox", { name: "Outcome" }).click();
  await page.keyboard.press("Escape");
  expect((await hidden).status()).toBe(200);
  await expect(page.getByRole("columnheader", { name: "Outcome" })).toHaveCount(0);
  const visible = await visibleColumnIds(page);
  expect(visible).not.toContain("outcome");
  expect(visible).toContain("sentiment");

  try {
    // The button says what the file holds beyond the visible columns.
    const exportButton = page.getByRole("button", { name: "Export CSV" });
    await expect(exportButton).toHaveAccessibleDescription(
      "Downloads every call matching the filters as a CSV file: the columns shown in the table plus, always, the call variables and the other evaluation fields.",
    );

    const download = page.waitForEvent("download");
    await exportButton.click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${DEMO.teamSlug}_calls_${from}_${yesterday}.csv`);
    const bytes = fs.readFileSync((await file.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1));
    expectHeader(rows[0], [...(visible as ExportColumnId[]), "evaluation", "variables"]);
    expect(rows[0]).not.toContain("evaluation.outcome");
    expect(rows[0]).toContain("evaluation.sentiment");
    const records = csvRecords(rows);
    expect(records.map((r) => Number(r.id))).toEqual(expected.map((c) => c.id));
    expect(new Set(records.map((r) => `${r.status}/${r.type}`))).toEqual(new Set(["completed/outbound"]));
    await expect(page.getByText(`Exported ${count(expected.length)} calls to ${DEMO.teamSlug}_calls_${from}_${yesterday}.csv.`)).toBeVisible();
    expect(downloads).toHaveLength(1);

    // Slow WhatTalk: the export runs with progress, and Cancel stops it without saving anything.
    await simControl(request, "/faults", "PUT", { latencyMs: 1_500 });
    await exportButton.click();
    await expect(page.getByText(new RegExp(`^Exporting [\\d,]+ of ${count(expected.length)} calls…`))).toBeVisible({ timeout: 15_000 });
    await page.getByRole("button", { name: "Cancel export" }).click();
    await expect(page.getByText("Export cancelled: no file was saved.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Export CSV" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: /Exporting/ })).toHaveCount(0);
    expect(downloads).toHaveLength(1);

    // WhatTalk failing midway: the page says the file is incomplete and saves nothing by itself.
    await simControl(request, "/faults", "PUT", { latencyMs: 1_500 });
    await page.getByRole("button", { name: "Export CSV" }).click();
    await expect(page.getByText(new RegExp(`^Exporting [\\d,]+ of ${count(expected.length)} calls…`))).toBeVisible({ timeout: 15_000 });
    await simControl(request, "/faults", "PUT", { latencyMs: 100, errorRate: 1, errorStatuses: [500] });
    const incomplete = page.getByRole("alert").filter({ hasText: "Export incomplete" });
    await expect(incomplete).toBeVisible({ timeout: 60_000 });
    await expect(incomplete).toContainText(/Only [\d,]+ calls were exported: stopped after [\d,]+ of [\d,]+ calls — WhatTalk answered with an error/);
    const shownRows = Number(/Only ([\d,]+) calls/.exec((await incomplete.textContent()) ?? "")![1].replace(/,/g, ""));
    expect(shownRows).toBeLessThan(expected.length);
    await expect(incomplete.getByRole("button", { name: "Try again" })).toBeVisible();
    await expect(incomplete.getByRole("button", { name: "Save the incomplete file" })).toBeVisible();
    expect(downloads).toHaveLength(1);

    // Saved only when asked, under a name that says so.
    const partial = page.waitForEvent("download");
    await incomplete.getByRole("button", { name: "Save the incomplete file" }).click();
    expect((await partial).suggestedFilename()).toBe(`${DEMO.teamSlug}_calls_${from}_${yesterday}_INCOMPLETE.csv`);
  } finally {
    // Put the column back (other journeys read the default columns).
    await simControl(request, "/faults", "PUT", {});
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Columns" }).click();
    const restored = page.waitForResponse((r) => r.url().endsWith("/preferences") && r.request().method() === "PUT");
    await page.getByRole("menuitemcheckbox", { name: "Outcome" }).click();
    await page.keyboard.press("Escape");
    expect((await restored).status()).toBe(200);
  }
});
