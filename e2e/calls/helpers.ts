// Helpers for the calls journeys: reading the table as a user sees it.
import { expect, type Locator, type Page } from "@playwright/test";

/** The calls table's rows (body only). */
export function callRows(page: Page): Locator {
  return page.getByRole("table").locator("tbody").getByRole("row");
}

/** Waits until the list has rendered (no skeleton) and returns the call ids in order. */
export async function visibleCallIds(page: Page): Promise<string[]> {
  await expect(page.getByText("Loading calls…").filter({ visible: true })).toHaveCount(0);
  await expect(callRows(page).first()).toBeVisible();
  return callRows(page).evaluateAll((rows) => rows.map((r) => r.getAttribute("data-call-id") ?? ""));
}

/** The texts of one column's cells, by column id (see lib/calls/columns.ts). */
export async function columnTexts(page: Page, column: string): Promise<string[]> {
  return callRows(page)
    .locator(`td[data-column="${column}"]`)
    .evaluateAll((cells) => cells.map((c) => (c.textContent ?? "").trim()));
}
