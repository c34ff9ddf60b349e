// A view never widens access: an agent applying a team view about an assistant they are not
// assigned sees only their own assistants' calls, with a note saying so. The views menu is used
// from the keyboard.
import { DEMO, DEMO_PASSWORD, expect, signIn, test } from "../fixtures";
import { columnTexts, visibleCallIds } from "../calls/helpers";
import { deleteViews, saveAsNewView, viewsButton } from "./helpers";

const ASSIGNED = ["Satış Asistanı – Ayşe", "Müşteri Hizmetleri (Gelen)"];
const CALLS = `/teams/${DEMO.teamSlug}/calls`;

test("an agent applying a team view of assistant 103 sees only their assistants, with a note", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  let created: { id: string; teamId: string } | null = null;
  try {
    await signIn(page, DEMO.supervisor, DEMO_PASSWORD, CALLS);
    await visibleCallIds(page);
    await page.getByLabel("Assistant", { exact: true }).selectOption("103");
    await expect(page).toHaveURL(/[?&]assistant_id=103(&|$)/);
    created = await saveAsNewView(page, "Assistant 103 calls", { share: true, from: "menu" });
    const supervisorSees = new Set(await columnTexts(page, "assistant"));
    expect(supervisorSees.size).toBe(1);
    expect(ASSIGNED).not.toContain([...supervisorSees][0]);

    await signIn(agent, DEMO.agent, DEMO_PASSWORD, CALLS);
    await visibleCallIds(agent);
    await expect(viewsButton(agent)).toHaveText("View: All calls");

    // Keyboard only: open the menu, move to the view, apply it.
    await viewsButton(agent).focus();
    await agent.keyboard.press("Enter");
    const item = agent.getByRole("menuitemradio", { name: /^Assistant 103 calls/ });
    await expect(item).toBeVisible();
    await expect(item).toContainText("by Selin Supervisor");
    for (let i = 0; i < 12; i++) {
      if (await item.evaluate((el) => el === document.activeElement)) break;
      await agent.keyboard.press("ArrowDown");
    }
    await expect(item).toBeFocused();
    await agent.keyboard.press("Enter");

    await expect(agent).toHaveURL(`${CALLS}?view=${created.id}&assistant_id=103`);
    await expect(viewsButton(agent)).toHaveText("View: Assistant 103 calls");
    await expect(agent.getByText("This view's assistant #103 is not assigned to you; showing your assistants instead.")).toBeVisible();
    await expect(agent.getByText("Not one of your assigned assistants", { exact: false })).toHaveCount(0);
    await visibleCallIds(agent);
    const seen = await columnTexts(agent, "assistant");
    expect(seen.length).toBe(25);
    for (const a of seen) expect(ASSIGNED).toContain(a);
    await expect(agent.getByLabel("Assistant", { exact: true })).toHaveValue("");
    // Applying the view as it is: nothing to save.
    await expect(agent.getByText("Modified", { exact: true })).toHaveCount(0);
  } finally {
    if (created) await deleteViews(page.request, created.teamId, [created.id]);
    await agentContext.close();
  }
});
