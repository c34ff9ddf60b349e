// A supervisor filters the calls, pages through them, opens a call, plays its recording, comes
// back with the filters intact, and the same URL in another browser shows the same list.
import { DEMO, DEMO_PASSWORD, expect, signIn, test } from "../fixtures";
import { addDays, todayIn } from "../../lib/validation/dates";
import { callRows, columnTexts, visibleCallIds } from "./helpers";

const TEAM_ZONE = "Europe/Istanbul"; // the demo team's time zone (prisma/seed.ts)

test("filter, page, open a call, play the recording, go back, share the URL", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.supervisor, DEMO_PASSWORD, `/teams/${DEMO.teamSlug}/calls`);
  await expect(page.getByRole("heading", { level: 1, name: "Calls" })).toBeVisible();
  await visibleCallIds(page);

  // Status and type: each change is in the URL at once.
  await page.getByLabel("Status", { exact: true }).selectOption("completed");
  await expect(page).toHaveURL(/[?&]status=completed(&|$)/);
  await page.getByLabel("Type", { exact: true }).selectOption("outbound");
  await expect(page).toHaveURL(/[?&]type=outbound(&|$)/);

  // A preset in the team's time zone, then a custom end date (yesterday: a list that cannot change).
  const today = todayIn(TEAM_ZONE);
  await page.getByLabel("Date range", { exact: true }).selectOption({ label: "Last 30 days" });
  // Presets stay relative in the URL (a shared link or saved view means "the last 30 days", whenever opened).
  await expect(page).toHaveURL(/[?&]date_preset=last30(&|$)/);
  await expect(page.getByLabel("From", { exact: true })).toHaveValue(addDays(today, -29));
  const yesterday = addDays(today, -1);
  await page.getByLabel("To", { exact: true }).fill(yesterday);
  await expect(page).toHaveURL(new RegExp(`date_from=${addDays(today, -29)}&date_to=${yesterday}`));
  await expect(page).not.toHaveURL(/date_preset/);
  await expect(page.getByLabel("Date range", { exact: true })).toHaveValue("custom");

  const page1 = await visibleCallIds(page);
  expect(page1.length).toBe(25);
  expect(new Set(await columnTexts(page, "status"))).toEqual(new Set(["Completed"]));
  expect(new Set(await columnTexts(page, "type"))).toEqual(new Set(["Outbound"]));
  await expect(page.getByText(/^1–25 of [\d,]+$/)).toBeVisible();

  // Page 2: different rows, page=2 in the URL; back and forward move between the pages.
  await page.getByRole("link", { name: "Page 2", exact: true }).click();
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect(callRows(page).first()).not.toHaveAttribute("data-call-id", page1[0]);
  const page2 = await visibleCallIds(page);
  expect(page2.length).toBe(25);
  expect(page2.filter((id) => page1.includes(id))).toEqual([]);
  await expect(page.getByText(/^26–50 of [\d,]+$/)).toBeVisible();
  const listUrl = page.url();

  await page.goBack();
  await expect(page).not.toHaveURL(/[?&]page=2/);
  await expect(callRows(page).first()).toHaveAttribute("data-call-id", page1[0]);
  await page.goForward();
  await expect(page).toHaveURL(listUrl);
  await expect(callRows(page).first()).toHaveAttribute("data-call-id", page2[0]);

  // Open a call: the whole row is clickable.
  const target = callRows(page).nth(1);
  const callId = await target.getAttribute("data-call-id");
  await target.locator('td[data-column="assistant"]').click();
  await expect(page).toHaveURL(new RegExp(`/calls/${callId}\\?back=`));
  await expect(page.getByRole("heading", { level: 1, name: `Call ${callId}` })).toBeVisible();

  // Play the recording: it loads, plays, and seeks (Range requests through the portal).
  const audio = page.locator("audio");
  await expect(audio).toBeVisible();
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.duration || 0), { timeout: 15_000 }).toBeGreaterThan(0);
  const played = await audio.evaluate((a: HTMLAudioElement) =>
    a.play().then(
      () => true,
      () => false,
    ),
  );
  if (!played) {
    // Autoplay refused without a gesture: press the player's own play button.
    const box = (await audio.boundingBox())!;
    await audio.click({ position: { x: 20, y: box.height / 2 } });
  }
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime), { timeout: 15_000 }).toBeGreaterThan(0.2);
  const seek = await audio.evaluate(
    (a: HTMLAudioElement) =>
      new Promise<{ time: number; seekableEnd: number }>((resolve) => {
        a.pause();
        a.addEventListener("seeked", () => resolve({ time: a.currentTime, seekableEnd: a.seekable.length ? a.seekable.end(0) : 0 }), { once: true });
        a.currentTime = 1.5;
      }),
  );
  expect(seek.time).toBeCloseTo(1.5, 1);
  expect(seek.seekableEnd).toBeGreaterThan(1.5);

  // Back to the list with every filter and the page intact.
  await page.getByRole("link", { name: "Back to calls" }).click();
  await expect(page).toHaveURL(listUrl);
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("completed");
  await expect(page.getByLabel("Type", { exact: true })).toHaveValue("outbound");
  await expect(page.getByLabel("To", { exact: true })).toHaveValue(yesterday);
  expect(await visibleCallIds(page)).toEqual(page2);

  // The URL in a new browser context (another person, signed in as the supervisor): the same list.
  const other = await browser.newContext();
  try {
    const p2 = await other.newPage();
    const path = new URL(listUrl).pathname + new URL(listUrl).search;
    await signIn(p2, DEMO.supervisor, DEMO_PASSWORD, path);
    await expect(p2).toHaveURL(listUrl);
    expect(await visibleCallIds(p2)).toEqual(page2);
  } finally {
    await other.close();
  }
});
