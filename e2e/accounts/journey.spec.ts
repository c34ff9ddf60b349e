import type { Browser, Page } from "@playwright/test";
import { expect, signIn, test } from "../fixtures";

// Sign up, create a team, invite a supervisor and an agent, both accept in their own browsers, the
// owner changes a role and removes a member, who is then signed out of the team.
const run = Date.now().toString(36);
const PASSWORD = "journey password 1";
const people = {
  owner: { name: "Olga Owner", email: `olga-${run}@journey.test` },
  supervisor: { name: "Sami Supervisor", email: `sami-${run}@journey.test` },
  agent: { name: "Aylin Agent", email: `aylin-${run}@journey.test` },
};
const teamName = `Journey Team ${run}`;

async function signUp(page: Page, person: { name: string; email: string }, emailPrefilled = false) {
  await page.getByLabel("Your name").fill(person.name);
  if (emailPrefilled) await expect(page.getByLabel("E-mail")).toHaveValue(person.email);
  else await page.getByLabel("E-mail").fill(person.email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
}

async function invite(page: Page, email: string, role: "Supervisor" | "Agent"): Promise<string> {
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: role });
  await page.getByRole("button", { name: "Invite" }).click();
  const link = page.getByRole("textbox", { name: "Invitation link" });
  await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("list", { name: "Open invitations" })).toContainText(email);
  return link.inputValue();
}

async function acceptInNewBrowser(browser: Browser, link: string, person: { name: string; email: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: `Join ${teamName}` })).toBeVisible();
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page).toHaveURL(/\/signup\?invite=/);
  await signUp(page, person, true);
  await page.waitForURL((url) => url.pathname.startsWith("/invite/"));
  await page.getByRole("button", { name: `Join ${teamName}` }).click();
  await page.waitForURL(/\/teams\/[^/]+\/calls/);
  return { context, page };
}

test("an owner builds a team: invitations, a role change and a removal", async ({ page, browser }) => {
  // Three browsers, four sign-ups or sign-ins (argon2 each) and a dozen pages: longer than one page's journey.
  test.setTimeout(240_000);
  // Sign up and create the team.
  await page.goto("/signup");
  await signUp(page, people.owner);
  await page.waitForURL(/\/teams\/new/);
  await page.getByLabel("Team name").fill(teamName);
  await page.getByRole("button", { name: "Create team" }).click();
  await page.waitForURL(/\/teams\/[^/]+\/settings\/members/);
  const slug = new URL(page.url()).pathname.split("/")[2];
  await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();

  // Invite a supervisor and an agent; each link is shown once.
  const supervisorLink = await invite(page, people.supervisor.email, "Supervisor");
  const agentLink = await invite(page, people.agent.email, "Agent");
  expect(agentLink).not.toBe(supervisorLink);

  // Both accept in their own browsers.
  const supervisor = await acceptInNewBrowser(browser, supervisorLink, people.supervisor);
  const agent = await acceptInNewBrowser(browser, agentLink, people.agent);

  // The owner sees them, and a used link says so.
  await page.reload();
  const table = page.getByRole("table");
  await expect(table).toContainText(people.supervisor.email);
  await expect(table).toContainText(people.agent.email);
  await expect(page.getByRole("list", { name: "Open invitations" })).toHaveCount(0);
  await supervisor.page.goto(supervisorLink);
  await expect(supervisor.page.getByRole("heading", { name: "This invitation has already been used" })).toBeVisible();

  // Change a role: the agent becomes a supervisor, and is signed out so the new role applies.
  await page.getByLabel(`Role of ${people.agent.name}`).selectOption("SUPERVISOR");
  await expect(page.getByText(`${people.agent.name} is now supervisor`)).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(`Role of ${people.agent.name}`)).toHaveValue("SUPERVISOR");
  await agent.page.goto(`/teams/${slug}/settings/assignments`);
  await expect(agent.page).toHaveURL(/\/signin/);
  await signIn(agent.page, people.agent.email, PASSWORD, `/teams/${slug}/settings/assignments`);
  await expect(agent.page.getByRole("heading", { name: "Agent assignments" })).toBeVisible();

  // Remove the supervisor: their next navigation to the team no longer shows it.
  await page.getByRole("button", { name: `Remove ${people.supervisor.name}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Remove" }).click();
  await expect(page.getByText(`${people.supervisor.name} was removed from the team.`)).toBeVisible();
  await expect(page.getByRole("table")).not.toContainText(people.supervisor.email);

  await supervisor.page.goto(`/teams/${slug}/calls`);
  await expect(supervisor.page).toHaveURL(/\/signin/);
  await signIn(supervisor.page, people.supervisor.email, PASSWORD, "/account");
  await supervisor.page.goto(`/teams/${slug}/calls`);
  await expect(supervisor.page.getByRole("heading", { name: "Not found" })).toBeVisible();

  // The audit log tells the story.
  await page.goto(`/teams/${slug}/settings/audit`);
  const log = page.getByRole("table");
  for (const action of ["Team created", "Member invited", "Member joined", "Role changed", "Member removed"]) await expect(log).toContainText(action);

  await supervisor.context.close();
  await agent.context.close();
});
