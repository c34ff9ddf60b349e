// Helpers for the saved-views journeys: the views toolbar as a user reaches it.
import { expect, type APIRequestContext, type Page } from "@playwright/test";

/** The views menu's button ("View: <name>"). */
export const viewsButton = (page: Page) => page.getByRole("button", { name: /^View: / });

/** The applied view's actions menu. */
export const viewActions = (page: Page) => page.getByRole("button", { name: /^Actions for the view/ });

/** Opens the views menu and applies a view by name (items read "<name>" plus owner/default notes). */
export async function applyView(page: Page, name: string) {
  await viewsButton(page).click();
  await page.getByRole("menuitemradio", { name: new RegExp(`^${escapeRegExp(name)}`) }).click();
  await expect(viewsButton(page)).toHaveText(`View: ${name}`);
}

/** Runs one of the applied view's actions. */
export async function viewAction(page: Page, action: string) {
  await viewActions(page).click();
  await page.getByRole("menuitem", { name: action, exact: true }).click();
}

/** Saves the current filters as a new view through the dialog; returns the new view's id and team id. */
export async function saveAsNewView(page: Page, name: string, opts: { share?: boolean; from?: "menu" | "button" } = {}) {
  if (opts.from === "menu") {
    await viewsButton(page).click();
    await page.getByRole("menuitem", { name: "Save as new view…" }).click();
  } else {
    await page.getByRole("button", { name: "Save as new view", exact: true }).click();
  }
  const dialog = page.getByRole("dialog", { name: "Save as new view" });
  await dialog.getByLabel("Name").fill(name);
  if (opts.share) await dialog.getByRole("checkbox", { name: "Share with the team" }).check();
  const created = page.waitForResponse((r) => /\/api\/teams\/[^/]+\/views$/.test(r.url()) && r.request().method() === "POST");
  await dialog.getByRole("button", { name: "Save view" }).click();
  const res = await created;
  expect(res.status()).toBe(201);
  const body = (await res.json()) as { id: string };
  const teamId = /\/api\/teams\/([^/]+)\/views$/.exec(res.url())![1];
  await expect(dialog).toHaveCount(0);
  await expect(viewsButton(page)).toHaveText(`View: ${name}`);
  await expect(page).toHaveURL(new RegExp(`[?&]view=${body.id}(&|$)`));
  return { id: body.id, teamId };
}

/** Deletes views straight through the API (clean-up, so other journeys see the team without them). */
export async function deleteViews(request: APIRequestContext, teamId: string, ids: string[]) {
  for (const id of ids) {
    const res = await request.delete(`/api/teams/${teamId}/views/${id}`);
    expect([204, 404]).toContain(res.status());
  }
}

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
