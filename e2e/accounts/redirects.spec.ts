import type { Browser, BrowserContext, Page } from "@playwright/test";
import { goodRedirects, hostileRedirects, type RedirectCase } from "../../tests/support/redirect-cases";
import { DEMO, DEMO_PASSWORD, expect, signIn, stackInfo, test } from "../fixtures";

// No open redirect where the browser itself follows the callback URL: after signing in through the
// form, after signing up (with and without an invitation), and on the sign-in page when already
// signed in. Every request to another origin is caught (answered with a page saying so) and
// recorded: none may happen. The same table is tested over HTTP in tests/integration/redirects.test.ts.
const run = Date.now().toString(36);
const PASSWORD = "redirect journey password";
const origin = () => new URL(stackInfo().appUrl).origin;
let ipCounter = 0;

/** A browser of its own, from an address of its own (sign-ups are limited per IP), that records what leaves the portal. */
async function isolatedBrowser(browser: Browser) {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": `198.19.${Math.floor(Math.random() * 250)}.${(ipCounter++ % 250) + 1}` } });
  const offsite: string[] = [];
  await context.route(
    (url) => url.origin !== origin(),
    (route) => {
      offsite.push(route.request().url());
      return route.fulfill({ status: 200, contentType: "text/html", body: "<h1>Another site</h1>" });
    },
  );
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { context, page, offsite, dialogs };
}

/** Where a user without teams ends up: the fallback "/" leads to team creation. */
const finalPath = (c: RedirectCase) => (c.expected === null || c.expected === "/" ? "/teams/new" : c.expected);

/** Waits until the browser has left the form (for a page of the portal, or elsewhere) and checks where it is. */
async function expectLanding(page: Page, c: RedirectCase, from: string, offsite: string[], dialogs: string[]) {
  await page.waitForURL((u) => u.origin !== origin() || (u.pathname !== from && u.pathname !== "/"));
  const url = new URL(page.url());
  expect(offsite, c.name).toEqual([]);
  expect(dialogs, c.name).toEqual([]);
  expect(url.origin, c.name).toBe(origin());
  // Next answers a path with "//" inside with a redirect to the collapsed path.
  expect([finalPath(c), finalPath(c).replace(/\/{2,}/g, "/")], c.name).toContain(url.pathname + url.search + url.hash);
}

const callbackQuery = (c: RedirectCase) => `callbackUrl=${encodeURIComponent(c.value)}`;

async function fillSignUp(page: Page, email: string | null) {
  await page.getByLabel("Your name").fill("Redirect Tester");
  if (email) await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
}

let account: string;
test.beforeAll(async ({ request }) => {
  account = `redirects-${run}@journey.test`;
  const res = await request.post("/api/signup", { data: { email: account, password: PASSWORD, name: "Redirects" }, headers: { "x-forwarded-for": "198.19.255.1" } });
  expect(res.status()).toBeLessThan(300);
});

const cases = () => [...hostileRedirects(origin()), ...goodRedirects(origin())];

test.describe("signing in through the form", () => {
  test.setTimeout(300_000);
  test("stays on the portal for every callback URL of the table", async ({ browser }) => {
    for (const c of cases()) {
      const { context, page, offsite, dialogs } = await isolatedBrowser(browser);
      await page.goto(`/signin?${callbackQuery(c)}`);
      await page.getByLabel("E-mail").fill(account);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expectLanding(page, c, "/signin", offsite, dialogs);
      await context.close();
    }
  });

  test("when already signed in, the sign-in page sends the browser to the portal only", async ({ browser }) => {
    const { context, page, offsite, dialogs } = await isolatedBrowser(browser);
    await signIn(page, account, PASSWORD);
    for (const c of cases()) {
      await page.goto(`/signin?${callbackQuery(c)}`);
      await expectLanding(page, c, "/signin", offsite, dialogs);
    }
    await context.close();
  });
});

test.describe("signing up", () => {
  test.setTimeout(300_000);
  test("stays on the portal for every callback URL of the table", async ({ browser }) => {
    let n = 0;
    for (const c of cases()) {
      const { context, page, offsite, dialogs } = await isolatedBrowser(browser);
      await page.goto(`/signup?${callbackQuery(c)}`);
      await fillSignUp(page, `signup-${run}-${n++}@journey.test`);
      await expectLanding(page, c, "/signup", offsite, dialogs);
      await context.close();
    }
  });

  test("with an invitation, stays on the portal too", async ({ browser, page }) => {
    // The demo owner invites one address per case; each invitee signs up from a link carrying a hostile callback URL.
    await signIn(page, DEMO.owner, DEMO_PASSWORD, `/teams/${DEMO.teamSlug}/settings/members`);
    const chosen = hostileRedirects(origin()).filter((c) => ["TAB inside (the %09 of the issue, decoded)", "slash backslash", "scheme-relative", "javascript:", "full-width slashes"].includes(c.name));
    expect(chosen).toHaveLength(5);
    let n = 0;
    let previous = "";
    for (const c of chosen) {
      const email = `invitee-${run}-${n++}@journey.test`;
      await page.getByLabel("E-mail").fill(email);
      await page.getByLabel("Role", { exact: true }).selectOption({ label: "Agent" });
      await page.getByRole("button", { name: "Invite", exact: true }).click();
      const link = page.getByRole("textbox", { name: "Invitation link" });
      await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
      await expect(link).not.toHaveValue(previous);
      previous = await link.inputValue();
      const token = previous.split("/").pop()!;
      const invitee: { context: BrowserContext; page: Page; offsite: string[]; dialogs: string[] } = await isolatedBrowser(browser);
      await invitee.page.goto(`/signup?invite=${token}&${callbackQuery(c)}`);
      await expect(invitee.page.getByLabel("E-mail")).toHaveValue(email);
      await fillSignUp(invitee.page, null);
      await expectLanding(invitee.page, c, "/signup", invitee.offsite, invitee.dialogs);
      await invitee.context.close();
    }
  });
});
