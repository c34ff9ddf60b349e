// A supervisor searches the calls (the team's call index, seeded here as the sync writes it):
// types a search, sets filters, sees the index line and highlighted snippets, saves the search as
// a view, and opens a result whose transcript shows the match highlighted and scrolled to.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { DEMO, DEMO_PASSWORD, expect, signIn, stackInfo, test } from "../fixtures";
import { STACK_FILE } from "../support/global-setup";
import { callRows, visibleCallIds } from "../calls/helpers";
import { deleteViews, saveAsNewView, applyView } from "../views/helpers";
import { addDays, todayIn } from "../../lib/validation/dates";
import { normalizeForSearch } from "../../lib/search/normalize";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "..", "..");
type Seeded = { teamId: string; calls: { id: number; sentiment: string | null; durationSeconds: number | null; searchText: string; transcript: string }[] };

/** Indexes the demo team's calls of the last 7 days (see e2e/support/seed-call-index.ts). */
async function seedIndex(dateFrom: string, dateTo: string): Promise<Seeded> {
  const { env } = JSON.parse(fs.readFileSync(STACK_FILE, "utf8")) as { env: Record<string, string> };
  const { simUrl, databaseUrl, appUrl } = stackInfo();
  const { stdout } = await run(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server", "e2e/support/seed-call-index.ts", simUrl, "wt_demo_alpha", dateFrom, dateTo], {
    cwd: ROOT,
    env: { ...process.env, ...env, DATABASE_URL: databaseUrl, WHATTALK_API_URL: `${simUrl}/api`, NEXTAUTH_URL: appUrl, NODE_ENV: "production" },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as Seeded;
}

test("search the calls, filter, save the search, open a result at its match", async ({ page }) => {
  test.setTimeout(120_000);
  const today = todayIn("Europe/Istanbul");
  const seeded = await seedIndex(addDays(today, -6), today);
  // What the list must show: negative calls of a minute or more that mention a word starting with "iptal".
  const expected = seeded.calls.filter((c) => c.sentiment === "negative" && (c.durationSeconds ?? 0) >= 60 && /(^| )iptal/.test(c.searchText)).map((c) => String(c.id));
  expect(expected.length).toBeGreaterThan(0);

  await signIn(page, DEMO.supervisor, DEMO_PASSWORD, `/teams/${DEMO.teamSlug}/calls?date_preset=last7`);
  await expect(page.getByRole("heading", { level: 1, name: "Calls" })).toBeVisible();
  await visibleCallIds(page);

  // The search, typed the Turkish way in capitals (İ), applied with Enter.
  const search = page.getByLabel("Search", { exact: true });
  await search.fill("İPTAL");
  await search.press("Enter");
  await expect(page).toHaveURL(/[?&]q=%C4%B0PTAL(&|$)/);
  await expect(page.getByText(/^Search results from the index, up to date as of \d\d:\d\d \(\d+ (s|min) ago\); the index reaches back to \d{1,2} \w{3} \d{4} so far\.$/)).toBeVisible();

  // More filters: sentiment at once, the minimum duration typed in minutes (seconds in the URL).
  await page.getByText("More filters").click();
  await page.getByLabel("Sentiment", { exact: true }).selectOption("negative");
  await expect(page).toHaveURL(/[?&]sentiment=negative(&|$)/);
  await page.getByLabel("Min duration (minutes)").fill("1");
  await page.getByLabel("Min duration (minutes)").press("Enter");
  await expect(page).toHaveURL(/[?&]duration_min=60(&|$)/);

  const rows = callRows(page).and(page.locator("[data-call-id]"));
  await expect(rows.first()).toBeVisible();
  const shown = await rows.evaluateAll((rs) => rs.map((r) => r.getAttribute("data-call-id") ?? ""));
  expect(shown.length).toBe(Math.min(expected.length, 25));
  for (const id of shown) expect(expected).toContain(id);
  // Each result's snippet marks the match.
  for (const id of shown) {
    const marks = await page.locator(`tr[data-snippet-for="${id}"] mark`).allTextContents();
    expect(marks.length, `snippet of call ${id}`).toBeGreaterThan(0);
    expect(marks.some((m) => normalizeForSearch(m).startsWith("iptal")), `marks ${marks.join(", ")}`).toBe(true);
  }

  // Saved as a view, the search and the filters come back with it.
  const view = await saveAsNewView(page, "İptal, negatif");
  try {
    await page.goto(`/teams/${DEMO.teamSlug}/calls?view=none`);
    await expect(search).toHaveValue("");
    await applyView(page, "İptal, negatif");
    await expect(page).toHaveURL(/[?&]q=%C4%B0PTAL(&|$)/);
    await expect(page).toHaveURL(/[?&]sentiment=negative(&|$)/);
    await expect(page).toHaveURL(/[?&]duration_min=60(&|$)/);
    await expect(search).toHaveValue("İPTAL");
    await expect(page.getByLabel("Min duration (minutes)")).toHaveValue("1");
    await expect(rows.first()).toHaveAttribute("data-call-id", shown[0]);
  } finally {
    await deleteViews(page.request, view.teamId, [view.id]);
  }

  // A result opens with the search in its link; the transcript marks the match and scrolls to it.
  // (Some calls match in their variables only: the demo data writes "İPTAL" into some notes.)
  const inTranscript = shown.find((id) => /(^| )iptal/.test(seeded.calls.find((c) => String(c.id) === id)?.transcript ?? ""));
  expect(inTranscript, "a result that mentions it in its transcript").toBeDefined();
  await rows.and(page.locator(`[data-call-id="${inTranscript}"]`)).locator('td[data-column="time"] a').click();
  await expect(page).toHaveURL(new RegExp(`/calls/${inTranscript}\\?q=%C4%B0PTAL&back=`));
  await expect(page.getByTestId("search-note")).toHaveText("Matches of your search “İPTAL” are highlighted.");
  const current = page.getByRole("region", { name: "Transcript" }).locator('mark[aria-current="true"]');
  await expect(current).toBeVisible();
  expect(normalizeForSearch((await current.textContent()) ?? "")).toMatch(/^iptal/);
  await expect(current).toBeInViewport();
});

test("a search that finds nothing says so and offers to clear it", async ({ page }) => {
  await signIn(page, DEMO.supervisor, DEMO_PASSWORD, `/teams/${DEMO.teamSlug}/calls?date_preset=last7&q=zzqxyw`);
  await expect(page.getByRole("heading", { name: "No calls mention “zzqxyw”" })).toBeVisible();
  await page.getByRole("link", { name: "Clear the search" }).click();
  await expect(page).toHaveURL(/\/calls\?date_preset=last7$/);
  await expect(page.getByLabel("Search", { exact: true })).toHaveValue("");
  await visibleCallIds(page);
});
