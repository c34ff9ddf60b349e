import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import AxeBuilder from "@axe-core/playwright";
import { expect, signIn, stackInfo, test, DEMO } from "../fixtures";

// Settings → Search index: an admin sees the state of the demo team's (seeded) index, pauses and
// resumes the sync, asks for a rebuild, and turns the index off after a confirmation that says what
// is deleted; then turns it on again.
const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../..");

async function seedIndex(...args: string[]) {
  const { databaseUrl, appUrl, env } = stackInfo() as ReturnType<typeof stackInfo> & { env: Record<string, string> };
  await run(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "e2e/support/seed-index.ts", ...args], {
    cwd: ROOT,
    // The embedded database serves one query at a time: one connection, like the app's.
    env: { ...process.env, ...env, DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: "1", NEXTAUTH_URL: appUrl, NODE_ENV: "production" },
  });
}

test.afterAll(async () => {
  await seedIndex("restore", DEMO.teamSlug);
});

test("an admin reads the index's state, pauses, resumes, rebuilds and turns it off with the confirmation", async ({ page }) => {
  test.setTimeout(120_000);
  await seedIndex("seed", DEMO.teamSlug, "4");
  await signIn(page, DEMO.admin);
  await page.goto(`/teams/${DEMO.teamSlug}/settings`);
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Search index" }).click();
  await expect(page.getByRole("heading", { name: "Search index" })).toBeVisible();

  const state = page.getByTestId("index-state");
  const fact = (name: string) => page.locator("dt", { hasText: name }).locator("xpath=following-sibling::dd[1]");
  await expect(state).toHaveText("Up to date");
  await expect(fact("Calls indexed")).toHaveText("4");
  await expect(fact("Budget used")).toContainText("7 of 50 requests this minute");
  await expect(fact("Budget used")).toContainText("321 in all");
  await expect(fact("Retention")).toHaveText("90 days");
  await expect(fact("Oldest call")).not.toHaveText("None");
  const { violations } = await new AxeBuilder({ page }).include("main").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 120)).join(" | ")}`)).toEqual([]);

  await page.getByRole("button", { name: "Pause" }).click();
  await expect(state).toHaveText("Paused");
  await expect(page.getByText("The sync is paused: the index keeps what it has")).toBeVisible();
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(state).toHaveText("Up to date");

  await page.getByRole("button", { name: "Rebuild" }).click();
  const rebuild = page.getByRole("alertdialog", { name: "Rebuild the search index?" });
  await expect(rebuild).toContainText("deletes every call in the index and copies them again from WhatTalk");
  await rebuild.getByRole("button", { name: "Rebuild" }).click();
  await expect(page.getByText(/Rebuild requested \(/)).toBeVisible();

  // Turning the index off asks first, saying that transcripts and phone numbers are deleted.
  await page.getByRole("button", { name: "Turn off" }).click();
  const off = page.getByRole("alertdialog", { name: "Turn the search index off?" });
  await expect(off).toContainText("The index's 4 calls — their transcripts, phone numbers and the rest of each call — are deleted");
  await off.getByRole("button", { name: "Cancel" }).click();
  await expect(state).toHaveText("Up to date");
  await page.getByRole("button", { name: "Turn off" }).click();
  await off.getByRole("button", { name: "Turn off and delete" }).click();
  await expect(page.getByText("The search index is off; 4 indexed calls deleted.")).toBeVisible();
  await expect(state).toHaveText("Off");
  await expect(fact("Calls indexed")).toHaveText("0");
  await expect(page.getByRole("button", { name: "Pause" })).toHaveCount(0);

  // A bad retention is refused inline; a good one turns the index on again.
  await page.getByLabel("Keep calls of the last (days)").fill("0");
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByText("Enter a whole number of days from 1 to 3650, or turn the index off.")).toBeVisible();
  await expect(state).toHaveText("Off");
  await page.getByLabel("Keep calls of the last (days)").fill("30");
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(state).toHaveText("Not started");
  await expect(fact("Retention")).toHaveText("30 days");
});
