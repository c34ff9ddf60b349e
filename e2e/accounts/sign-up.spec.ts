import { expect, test } from "../fixtures";

// Signing up with an address that already has an account: the page says neither "taken" nor
// "welcome" (the sign-up answer is the same either way); the browser's sign-in with the new password
// fails, so the page asks to sign in with the account's own password, which still works.
const run = Date.now().toString(36);
const PASSWORD = "sign-up journey password";
// Sign-ups are limited per IP per hour: this file's come from an address of their own.
test.use({ extraHTTPHeaders: { "x-forwarded-for": "198.19.254.1" } });

test("signing up with a taken address asks to sign in, and the account's own password still works", async ({ page, request }) => {
  const account = `taken-${run}@journey.test`;
  const created = await request.post("/api/signup", { data: { email: account, password: PASSWORD, name: "Owner" } });
  expect(created.status()).toBe(202);

  await page.goto("/signup?callbackUrl=%2Faccount");
  await page.getByLabel("Your name").fill("Someone Else");
  await page.getByLabel("E-mail").fill(account);
  await page.getByLabel("Password", { exact: true }).fill("someone else's password");
  await page.getByLabel("Repeat password").fill("someone else's password");
  await page.getByRole("button", { name: "Create account" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "You are not signed in yet" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("If you already have an account with it, sign in with that account's password.");
  await expect(page.getByText(/already exists/)).toHaveCount(0);

  await alert.getByRole("link", { name: "Go to sign-in" }).click();
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Faccount$/);
  await page.getByLabel("E-mail").fill(account);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account$/);
});
