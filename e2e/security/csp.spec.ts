// The pages' Content-Security-Policy in a real browser: the portal's own scripts and styles run under
// it (the fixtures fail every journey on a violation), and markup injected without the nonce does not.
import { DEMO, expect, formatCspViolations, signIn, test } from "../fixtures";

test("the portal's pages run under their nonce policy without a violation", async ({ page, cspViolations }) => {
  const response = await page.goto("/signin");
  const csp = response!.headers()["content-security-policy"];
  const nonce = /'nonce-([^']+)'/.exec(csp ?? "")?.[1];
  expect(nonce, `no nonce in the page's CSP: ${csp}`).toBeTruthy();
  expect(csp).toContain("'strict-dynamic'");

  // Every script the server sent carries this response's nonce (those the runtime adds later run by
  // 'strict-dynamic').
  const tags = (await response!.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(1);
  expect(tags.filter((tag) => !tag.includes(` nonce="${nonce}"`))).toEqual([]);

  // The theme script ran before hydration, and switching themes (a nonce'd <style> of next-themes) is allowed.
  await expect(page.locator("html")).toHaveClass(/light|dark/);
  await page.getByRole("button", { name: "Toggle theme" }).click();
  await page.getByRole("menuitemradio", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);

  // Signed in, after client-side navigations (whose RSC answers carry other nonces): menus (which
  // insert a <style> through react-remove-scroll) and the theme switch still use this document's nonce.
  await signIn(page, DEMO.supervisor, undefined, `/teams/${DEMO.teamSlug}/calls`);
  await expect(page.getByRole("table")).toBeVisible();
  await page.getByRole("link", { name: "Settings" }).first().click();
  await expect(page).toHaveURL(/\/settings/);
  await page.goBack();
  await expect(page.getByRole("table")).toBeVisible();
  await page.getByRole("button", { name: /Account menu/ }).click();
  await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeVisible();
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Toggle theme" }).click();
  await page.getByRole("menuitemradio", { name: "Light" }).click();
  await expect(page.locator("html")).toHaveClass(/light/);
  expect(cspViolations, formatCspViolations(cspViolations)).toEqual([]);
});

test("markup injected into a page without the nonce does not run, and the fixtures report it", async ({ page, cspViolations }) => {
  // A stored-XSS stand-in: the server's answer with an inline script and an inline event handler added.
  await page.route("**/signin", async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace("</body>", `<script>window.__injected = "script"</script><img src="/x.png" onerror="window.__injected = 'handler'"></body>`);
    await route.fulfill({ response, body });
  });
  await page.goto("/signin");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect.poll(() => cspViolations.map((v) => v.directive)).toEqual(expect.arrayContaining(["script-src-elem", "script-src-attr", "(console)"]));
  expect(await page.evaluate(() => (window as unknown as { __injected?: string }).__injected)).toBeUndefined();
  expect(cspViolations.find((v) => v.directive === "script-src-elem")).toMatchObject({ blocked: "inline", page: expect.stringContaining("/signin") });
  expect(formatCspViolations(cspViolations)).toMatch(/^- script-src-elem blocked inline on http:\/\/[^ ]+\/signin/m);
  cspViolations.length = 0;
});
