// Saved views, the whole way: a supervisor filters, saves a team view and makes it the team
// default; an agent opening the calls lands on it (scoped to their assistants), keeps a personal
// variant across a reload and later makes it their own default; the supervisor changes and saves
// the view while an admin holds a stale copy, whose save is a conflict with a way out; rename, a
// duplicate name refused in place, and delete falling back to unfiltered calls. And "Share with
// team" on an existing personal view, refused while the team has a view of that name.
import { DEMO, DEMO_PASSWORD, expect, signIn, test } from "../fixtures";
import { columnTexts, visibleCallIds } from "../calls/helpers";
import { applyView, deleteViews, saveAsNewView, viewAction, viewsButton } from "./helpers";

// The demo agent's assignments (prisma/seed.ts): the simulator's assistants 101 and 102.
const ASSIGNED = ["Satış Asistanı – Ayşe", "Müşteri Hizmetleri (Gelen)"];
const CALLS = `/teams/${DEMO.teamSlug}/calls`;

test("team view as the team default, a personal variant, a stale save, rename and delete", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const agentContext = await browser.newContext();
  const adminContext = await browser.newContext();
  const agent = await agentContext.newPage();
  const admin = await adminContext.newPage();
  let teamId = "";
  const supervisorViews: string[] = [];
  const agentViews: string[] = [];

  try {
    // A supervisor filters and saves the filters as a team view.
    await signIn(page, DEMO.supervisor, DEMO_PASSWORD, CALLS);
    await visibleCallIds(page);
    await expect(viewsButton(page)).toHaveText("View: All calls");
    await page.getByLabel("Status", { exact: true }).selectOption("failed");
    await expect(page).toHaveURL(/[?&]status=failed(&|$)/);
    const teamView = await saveAsNewView(page, "Failed calls", { share: true });
    teamId = teamView.teamId;
    supervisorViews.push(teamView.id);
    await expect(page.getByText("Saved the view “Failed calls”")).toBeVisible();
    await expect(page).toHaveURL(`${CALLS}?view=${teamView.id}&status=failed`);
    await expect(page.getByText("Modified", { exact: true })).toHaveCount(0);

    // ... and makes it the team default.
    await viewAction(page, "Set as team default");
    await expect(page.getByText("“Failed calls” is now the team's default view")).toBeVisible();
    await expect(page.getByText("Team default", { exact: true })).toBeVisible();
    await viewsButton(page).click();
    await expect(page.getByRole("menuitemradio", { name: /^Failed calls/ })).toContainText("by Selin Supervisor · team default");
    await expect(page.getByRole("menuitemradio", { name: /^Failed calls/ })).toHaveAttribute("aria-checked", "true");
    await page.keyboard.press("Escape");

    // An agent opening the calls lands on the team default, in the URL, scoped to their assistants.
    await signIn(agent, DEMO.agent, DEMO_PASSWORD, CALLS);
    await expect(agent).toHaveURL(`${CALLS}?view=${teamView.id}&status=failed`);
    await expect(viewsButton(agent)).toHaveText("View: Failed calls");
    await visibleCallIds(agent);
    expect(new Set(await columnTexts(agent, "status"))).toEqual(new Set(["Failed"]));
    for (const a of await columnTexts(agent, "assistant")) expect(ASSIGNED).toContain(a);
    await expect(agent.getByLabel("Status", { exact: true })).toHaveValue("failed");

    // The agent narrows it: modified, no "Save" (a team view is not theirs), a personal variant instead.
    await agent.getByLabel("Type", { exact: true }).selectOption("inbound");
    await expect(agent).toHaveURL(/[?&]type=inbound(&|$)/);
    await expect(agent.getByText("Modified", { exact: true })).toBeVisible();
    await expect(agent.getByRole("button", { name: "Save", exact: true })).toHaveCount(0);
    await agent.getByRole("button", { name: "Save as new view", exact: true }).click();
    // The dialog first (it loads at its first use), then what it lacks: no "Share with the team".
    const agentDialog = agent.getByRole("dialog", { name: "Save as new view" });
    await expect(agentDialog.getByLabel("Name")).toBeVisible();
    await expect(agentDialog.getByRole("checkbox")).toHaveCount(0);
    await agent.keyboard.press("Escape");
    await expect(agentDialog).toHaveCount(0);
    const variant = await saveAsNewView(agent, "My failed inbound");
    agentViews.push(variant.id);
    await expect(agent.getByText("Modified", { exact: true })).toHaveCount(0);
    await agent.reload();
    await expect(viewsButton(agent)).toHaveText("View: My failed inbound");
    await expect(agent.getByLabel("Type", { exact: true })).toHaveValue("inbound");
    expect(new Set(await columnTexts(agent, "type"))).toEqual(new Set(["Inbound"]));
    await viewsButton(agent).click();
    await expect(agent.getByRole("menuitemradio", { name: /^My failed inbound/ })).toBeVisible();
    await expect(agent.getByRole("menuitemradio", { name: /^Failed calls/ })).toContainText("by Selin Supervisor");
    await agent.keyboard.press("Escape");

    // An admin opens the team view: the copy that will be stale.
    await signIn(admin, DEMO.admin, DEMO_PASSWORD, `${CALLS}?view=${teamView.id}&status=failed`);
    await expect(viewsButton(admin)).toHaveText("View: Failed calls");
    await visibleCallIds(admin);

    // The supervisor changes the filters and the columns, and saves.
    await page.getByLabel("Type", { exact: true }).selectOption("outbound");
    await expect(page).toHaveURL(/[?&]type=outbound(&|$)/);
    await expect(page.getByText("Modified", { exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Columns" }).click();
    await page.getByRole("menuitemcheckbox", { name: "Sentiment" }).click();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("columnheader", { name: "Sentiment" })).toHaveCount(0);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByText("Saved “Failed calls”")).toBeVisible();
    await expect(page.getByText("Modified", { exact: true })).toHaveCount(0);
    await expect(page).toHaveURL(`${CALLS}?view=${teamView.id}&status=failed&type=outbound`);

    // The admin's save from the stale copy is a conflict, with a way to reload or keep their own.
    await admin.getByLabel("Type", { exact: true }).selectOption("web");
    await expect(admin).toHaveURL(/[?&]type=web(&|$)/);
    await expect(admin.getByText("Modified", { exact: true })).toBeVisible();
    await admin.getByRole("button", { name: "Save", exact: true }).click();
    const conflict = admin.getByRole("alert").filter({ hasText: "Not saved: someone else changed this view" });
    await expect(conflict).toBeVisible();
    await expect(conflict).toContainText("This view was changed by Selin Supervisor since you opened it.");
    await expect(conflict.getByRole("button", { name: "Save as new view" })).toBeVisible();
    await conflict.getByRole("button", { name: "Reload view" }).click();
    await expect(admin).toHaveURL(`${CALLS}?view=${teamView.id}&status=failed&type=outbound`);
    await expect(conflict).toHaveCount(0);
    await expect(admin.getByText("Modified", { exact: true })).toHaveCount(0);
    await expect(admin.getByRole("columnheader", { name: "Sentiment" })).toHaveCount(0);
    await expect(admin.getByLabel("Type", { exact: true })).toHaveValue("outbound");

    // Rename; then a second team view under the same name is refused in the dialog.
    await viewAction(page, "Rename…");
    const renameDialog = page.getByRole("dialog", { name: "Rename view" });
    await renameDialog.getByLabel("Name").fill("Failed outbound");
    await renameDialog.getByRole("button", { name: "Rename" }).click();
    await expect(page.getByText("Renamed to “Failed outbound”")).toBeVisible();
    await expect(viewsButton(page)).toHaveText("View: Failed outbound");
    await page.getByLabel("Status", { exact: true }).selectOption("busy");
    await expect(page.getByText("Modified", { exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Save as new view", exact: true }).click();
    const saveDialog = page.getByRole("dialog", { name: "Save as new view" });
    await saveDialog.getByLabel("Name").fill("failed OUTBOUND");
    await saveDialog.getByRole("checkbox", { name: "Share with the team" }).check();
    await saveDialog.getByRole("button", { name: "Save view" }).click();
    await expect(saveDialog.getByText("The team already has a view with this name.")).toBeVisible();
    await expect(saveDialog.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
    await saveDialog.getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("button", { name: "Reset" }).click();
    await expect(page).toHaveURL(`${CALLS}?view=${teamView.id}&status=failed&type=outbound`);
    await expect(page.getByText("Modified", { exact: true })).toHaveCount(0);

    // Delete (it was the team default): back to the list with no filters.
    await viewAction(page, "Delete…");
    const confirm = page.getByRole("alertdialog", { name: "Delete the view “Failed outbound”?" });
    await confirm.getByRole("button", { name: "Delete view" }).click();
    await expect(page.getByText("Deleted the view “Failed outbound”")).toBeVisible();
    await expect(page).toHaveURL(CALLS);
    await expect(viewsButton(page)).toHaveText("View: All calls");
    await expect(page.getByLabel("Status", { exact: true })).toHaveValue("");
    await visibleCallIds(page);

    // The agent falls back too: no default left, unfiltered calls; their own view is still there.
    await agent.goto(CALLS);
    await expect(viewsButton(agent)).toHaveText("View: All calls");
    await expect(agent).toHaveURL(CALLS);
    await visibleCallIds(agent);
    await applyView(agent, "My failed inbound");
    await expect(agent).toHaveURL(`${CALLS}?view=${variant.id}&status=failed&type=inbound`);
    // Their own default from now on.
    await viewAction(agent, "Set as my default");
    await expect(agent.getByText("“My failed inbound” is now your default view")).toBeVisible();
    await expect(agent.getByText("My default", { exact: true })).toBeVisible();
    await agent.goto(CALLS);
    await expect(agent).toHaveURL(`${CALLS}?view=${variant.id}&status=failed&type=inbound`);
    await expect(viewsButton(agent)).toHaveText("View: My failed inbound");
    // "All calls" stays unfiltered although a default exists.
    await applyView(agent, "All calls");
    await expect(agent).toHaveURL(`${CALLS}?view=none`);
    await expect(agent.getByLabel("Status", { exact: true })).toHaveValue("");
    await visibleCallIds(agent);
  } finally {
    if (teamId) {
      await page.request.put(`/api/teams/${teamId}/views/defaults`, { data: { team: null } });
      await deleteViews(page.request, teamId, supervisorViews);
      await deleteViews(agent.request, teamId, agentViews);
    }
    await agentContext.close();
    await adminContext.close();
  }
});

test("a supervisor shares a personal view with the team from its menu; a name the team already has is refused", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  let teamId = "";
  const views: string[] = [];

  try {
    await signIn(page, DEMO.supervisor, DEMO_PASSWORD, CALLS);
    await visibleCallIds(page);
    await page.getByLabel("Type", { exact: true }).selectOption("web");
    await expect(page).toHaveURL(/[?&]type=web(&|$)/);
    const mine = await saveAsNewView(page, "Web calls");
    teamId = mine.teamId;
    views.push(mine.id);
    await expect(page.getByText("Only you can see it.")).toBeVisible();
    await viewsButton(page).click();
    await expect(page.getByRole("menuitemradio", { name: /^Web calls/ })).not.toContainText("by ");
    await page.keyboard.press("Escape");

    // The agent does not see it yet.
    await signIn(agent, DEMO.agent, DEMO_PASSWORD, `${CALLS}?view=none`);
    await viewsButton(agent).click();
    await expect(agent.getByRole("menu")).toBeVisible();
    await expect(agent.getByRole("menuitemradio", { name: /^Web calls/ })).toHaveCount(0);
    await agent.keyboard.press("Escape");

    // Meanwhile the team got a view of that name: sharing is refused with the reason, nothing changes.
    const clash = await page.request.post(`/api/teams/${teamId}/views`, { data: { name: "web CALLS", visibility: "TEAM", filters: {}, columns: ["time", "status"] } });
    expect(clash.status()).toBe(201);
    views.push(((await clash.json()) as { id: string }).id);
    await viewAction(page, "Share with team");
    await expect(page.getByText("The view was not shared")).toBeVisible();
    await expect(page.getByText("The team already has a view with this name.")).toBeVisible();
    await viewsButton(page).click();
    await expect(page.getByRole("menuitemradio", { name: /^Web calls/ })).not.toContainText("by ");
    await page.keyboard.press("Escape");

    // Renamed, it is shared: listed among the team views with its owner, and offered as the team default.
    await viewAction(page, "Rename…");
    const rename = page.getByRole("dialog", { name: "Rename view" });
    await rename.getByLabel("Name").fill("Web calls (all assistants)");
    await rename.getByRole("button", { name: "Rename" }).click();
    await expect(viewsButton(page)).toHaveText("View: Web calls (all assistants)");
    const shared = page.waitForResponse((r) => r.url().endsWith(`/views/${mine.id}`) && r.request().method() === "PATCH");
    await viewAction(page, "Share with team");
    expect((await shared).status()).toBe(200);
    await expect(page.getByText("“Web calls (all assistants)” is shared with the team")).toBeVisible();
    await viewsButton(page).click();
    await expect(page.getByRole("menuitemradio", { name: /^Web calls \(all assistants\)/ })).toContainText("by Selin Supervisor");
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: /^Actions for the view/ }).click();
    await expect(page.getByRole("menuitem", { name: "Set as team default" })).toBeVisible();
    await expect(page.getByRole("menuitem", { name: "Share with team" })).toHaveCount(0);
    await page.keyboard.press("Escape");

    // The agent now finds it among the team views and applies it.
    await agent.reload();
    await applyView(agent, "Web calls (all assistants)");
    await expect(agent).toHaveURL(`${CALLS}?view=${mine.id}&type=web`);
    await expect(agent.getByLabel("Type", { exact: true })).toHaveValue("web");
  } finally {
    if (teamId) await deleteViews(page.request, teamId, views);
    await agentContext.close();
  }
});
