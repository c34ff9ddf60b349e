// Accessibility: axe (WCAG 2.0/2.1, levels A and AA) finds nothing on the supervisor's pages, in
// the light and the dark theme; and on a phone, keyboard alone filters the calls, opens one and
// searches its transcript, with the focus visible and nothing wider than the screen.
import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expect, signIn, test } from "../fixtures";
import { callRows, visibleCallIds } from "./helpers";

const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const calls = `/teams/${DEMO.teamSlug}/calls`;

/** Runs axe on the page as it is now; fails with one readable line per violation and element. */
async function expectNoViolations(page: Page, what: string, opts: { disable?: string[] } = {}) {
  // No transitions or animations half-way (a fading element's colours are not its real ones).
  await page.evaluate(() =>
    document.getAnimations().forEach((a) => {
      if (Number.isFinite(Number(a.effect?.getComputedTiming().endTime))) a.finish();
    }),
  );
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).disableRules(opts.disable ?? []).analyze();
  const lines = violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.html.slice(0, 160)} — ${n.failureSummary?.replace(/\s+/g, " ")}`));
  // Soft: one run reports every page's findings.
  expect.soft(lines, `axe on ${what}`).toEqual([]);
}

/** The list rendered, no skeleton left. */
async function callsLoaded(page: Page) {
  await visibleCallIds(page);
}

for (const scheme of ["light", "dark"] as const) {
  test(`the supervisor's pages pass axe's WCAG 2.1 A/AA rules (${scheme} theme)`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
    const themed = async () => (scheme === "dark" ? expect(page.locator("html")).toHaveClass(/\bdark\b/) : expect(page.locator("html")).not.toHaveClass(/\bdark\b/));

    await page.goto(`/signin?callbackUrl=${encodeURIComponent(calls)}`);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await themed();
    await expectNoViolations(page, "the sign-in page");

    await signIn(page, DEMO.supervisor, DEMO_PASSWORD, calls);
    await callsLoaded(page);
    await themed();
    await expectNoViolations(page, "the calls list");

    // The saved views menu, open. Radix makes an open menu modal: the rest of the page gets
    // aria-hidden while the focus stays trapped in the menu (Tab does not leave it, checked here),
    // so its focusable elements cannot be reached then. axe cannot see the trap and reports them
    // under aria-hidden-focus: that one rule is off for this state only (the page itself was
    // checked with it just above, menu closed).
    await page.getByRole("group", { name: "Saved views" }).getByRole("button", { name: /^View:/ }).click();
    const menu = page.getByRole("menu");
    await expect(menu).toBeVisible();
    await page.keyboard.press("Tab");
    await expect(menu).toBeVisible();
    expect(await menu.evaluate((m) => m.contains(document.activeElement))).toBe(true);
    await expectNoViolations(page, "the calls list with the saved views menu open", { disable: ["aria-hidden-focus"] });
    await page.keyboard.press("Escape");
    await expect(menu).toHaveCount(0);

    // A completed call (transcript, evaluation, recording).
    await page.goto(`${calls}?view=none&status=completed`);
    await callsLoaded(page);
    await callRows(page).first().locator('td[data-column="time"] a').click();
    await expect(page.getByRole("heading", { level: 1, name: /^Call \d+$/ })).toBeVisible();
    await expect(page.getByLabel("Search the transcript")).toBeVisible();
    await expectNoViolations(page, "a call's detail");

    await page.goto(`/teams/${DEMO.teamSlug}/analytics`);
    await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();
    const perDay = page.getByRole("figure", { name: "Calls per day by status" });
    await expect(perDay.locator(".recharts-bar-rectangle").first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole("table", { name: "Calls by assistant" })).toBeVisible();
    await expectNoViolations(page, "analytics");
    await perDay.getByText("Show as table").click();
    await expect(perDay.getByRole("table")).toBeVisible();
    await expectNoViolations(page, "analytics with the chart's table open");

    for (const path of ["settings/assignments", "settings/directory"]) {
      await page.goto(`/teams/${DEMO.teamSlug}/${path}`);
      await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
      await expectNoViolations(page, path);
    }
    await page.goto("/account");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoViolations(page, "the account page");
  });
}

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, { max = 40, back = false } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)).catch(() => false)) return;
  }
  throw new Error(`${max} presses of Tab did not reach ${target}`);
}

/** The focused element shows where the focus is: :focus-visible with an outline or a ring, on screen. */
async function expectVisibleFocus(target: Locator) {
  await expect(target).toBeFocused();
  await expect(target).toBeInViewport();
  const style = await target.evaluate((el) => {
    const s = getComputedStyle(el);
    return { focusVisible: el.matches(":focus-visible"), outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0, ring: s.boxShadow !== "none" && s.boxShadow !== "" };
  });
  expect(style.focusVisible).toBe(true);
  expect(style.outline || style.ring, "an outline or a focus ring").toBe(true);
  // Not hidden under something else (the sticky header, an overlay).
  const onTop = await target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!hit && (hit === el || el.contains(hit));
  });
  expect(onTop, "the focused element is not covered").toBe(true);
}

async function expectNoHorizontalOverflow(page: Page, what: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${what}: page width ${scrollWidth} px on a ${innerWidth} px screen`).toBeLessThanOrEqual(innerWidth);
}

test.describe("on a phone", () => {
  // iPhone 13's screen, in Chromium (Playwright's WebKit is not available here).
  test.use({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });

  test("the keyboard alone filters the calls, opens one and searches its transcript", async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, DEMO.supervisor, DEMO_PASSWORD, `${calls}?view=none`);
    await callsLoaded(page);
    await expectNoHorizontalOverflow(page, "the calls list");
    await expectNoViolations(page, "the calls list on a phone");

    // The skip link first, then on to the filters (in a sheet on small screens).
    await page.locator("body").focus();
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expectVisibleFocus(skip);
    await page.keyboard.press("Enter");
    const filters = page.getByRole("button", { name: /^Filters/ });
    await tabTo(page, filters);
    await expectVisibleFocus(filters);
    await page.keyboard.press("Enter");
    const sheet = page.getByRole("dialog", { name: "Filter calls" });
    await expect(sheet).toBeVisible();
    await expectNoHorizontalOverflow(page, "the filter sheet");

    // Status by keyboard: typing the first letter of a status picks it, and the list follows at once.
    const status = sheet.getByLabel("Status", { exact: true });
    await tabTo(page, status);
    await expectVisibleFocus(status);
    await page.keyboard.press("c");
    await expect(status).toHaveValue("completed");
    await expect(page).toHaveURL(/[?&]status=completed(&|$)/);
    const show = sheet.getByRole("button", { name: "Show calls" });
    await tabTo(page, show);
    await expectVisibleFocus(show);
    await page.keyboard.press("Enter");
    await expect(sheet).toHaveCount(0);
    await expect(filters).toBeFocused();
    await expect(filters).toHaveAccessibleName("Filters 1 active");
    await callsLoaded(page);
    await expect(callRows(page).locator('td[data-column="status"]').first()).toHaveText("Completed");
    await expectNoHorizontalOverflow(page, "the filtered list");

    // Into the table: the first call's link, then Enter opens it.
    const first = callRows(page).first().locator('td[data-column="time"] a');
    const id = await callRows(page).first().getAttribute("data-call-id");
    await tabTo(page, first);
    await expectVisibleFocus(first);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/calls/${id}\\?back=`));
    await expect(page.getByRole("heading", { level: 1, name: `Call ${id}` })).toBeVisible();
    await expectNoHorizontalOverflow(page, "the call's page");

    // The transcript search: type a word of the transcript, step through the matches with Enter.
    const search = page.getByLabel("Search the transcript");
    await tabTo(page, search, { max: 60 });
    await expectVisibleFocus(search);
    const marks = page.locator("mark");
    const said = await page.getByRole("region", { name: "Transcript" }).locator("p").first().innerText();
    const word = (said.match(/\p{L}{4,}/gu) ?? [])[0] ?? "";
    expect(word, "a word of the transcript").not.toBe("");
    await page.keyboard.type(word);
    await expect(marks.first()).toBeVisible();
    const count = page.getByText(/^1 of \d+$/);
    await expect(count).toBeVisible();
    const total = Number((await count.textContent())!.split(" of ")[1]);
    if (total > 1) {
      await page.keyboard.press("Enter");
      await expect(page.getByText(`2 of ${total}`, { exact: true })).toBeVisible();
    }
    await expect(search).toBeFocused();
    await expectNoHorizontalOverflow(page, "the call's page while searching");
    await expectNoViolations(page, "the call's page on a phone");
  });
});
