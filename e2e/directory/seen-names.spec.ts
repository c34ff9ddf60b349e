import AxeBuilder from "@axe-core/playwright";
import { expect, signIn, simControl, test, DEMO } from "../fixtures";
import { visibleCallIds } from "../calls/helpers";

// WhatTalk's documented call object names the campaign but carries no campaign_id. The calls the
// portal shows teach it the name as "seen in calls"; an admin adds it with its id in one step in
// the directory settings, and from then on it is in the calls filter bar's campaign picker and
// filters upstream by that id.
const NAME = "E2E Winback (no id in calls)";
const ID = "9917";

test.afterEach(async ({ request }) => {
  await simControl(request, "/reset", "POST"); // documented fields off, the added call gone
});

test("an admin adds a campaign seen in calls with its id, then filters the calls by it", async ({ page, request }) => {
  test.setTimeout(150_000);
  const call = (await simControl(request, "/calls", "POST", {
    key: "wt_demo_alpha",
    campaign_id: Number(ID),
    campaign_name: NAME,
    status: "completed",
    duration: 61,
  })) as { id: number };
  await simControl(request, "/faults", "PATCH", { documentedFieldsOnly: true });

  await signIn(page, DEMO.admin);
  await page.goto(`/teams/${DEMO.teamSlug}/calls?view=none`);
  expect((await visibleCallIds(page))[0]).toBe(String(call.id)); // the newest call, shown (and learned from)

  // The directory settings list the name under the campaigns seen in calls (learning runs in the
  // background of the calls page, so reload until it is there).
  await page.goto(`/teams/${DEMO.teamSlug}/settings/directory`);
  const seen = page.getByRole("table", { name: "Seen in calls: campaign names" });
  await expect(async () => {
    await page.reload();
    await expect(seen.getByRole("row", { name: new RegExp(NAME.replace(/[()]/g, "\\$&")) })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  const row = seen.getByRole("row", { name: new RegExp(NAME.replace(/[()]/g, "\\$&")) });
  await expect(row.getByRole("cell").nth(1)).toHaveText("1"); // one call
  await expect(page.getByRole("table", { name: "Campaigns", exact: true }).getByText(NAME)).toHaveCount(0);

  // A bad id is refused inline and changes nothing.
  const form = page.getByRole("form", { name: `Add campaign “${NAME}” with its id` });
  await form.getByLabel("WhatTalk id").fill("abc");
  await form.getByRole("button", { name: "Add with id" }).click();
  await expect(form.getByText("Enter the numeric WhatTalk id.")).toBeVisible();
  await expect(form.getByLabel("WhatTalk id")).toHaveAttribute("aria-invalid", "true");
  const { violations } = await new AxeBuilder({ page }).include("main").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 120)).join(" | ")}`)).toEqual([]);
  await page.reload();
  await expect(row).toBeVisible();

  // The id typed, the name as seen: one step.
  await form.getByLabel("WhatTalk id").fill(ID);
  await form.getByRole("button", { name: "Add with id" }).click();
  await expect(page.getByText(`Added campaign ${ID} (${NAME}).`)).toBeVisible();
  const campaigns = page.getByRole("table", { name: "Campaigns", exact: true });
  await expect(campaigns.getByRole("row", { name: new RegExp(`${ID}.*Added by hand`) })).toContainText(NAME);
  await expect(page.getByRole("form", { name: `Add campaign “${NAME}” with its id` })).toHaveCount(0);
  await page.reload();
  await expect(page.getByText(NAME, { exact: true })).toHaveCount(1); // in the directory, not in the seen list

  // The calls filter bar's campaign picker offers it, and picking it filters upstream by the id.
  await page.goto(`/teams/${DEMO.teamSlug}/calls?view=none`);
  const picker = page.getByLabel("Campaign", { exact: true });
  await expect(picker.getByRole("option", { name: `${NAME} (#${ID})` })).toHaveCount(1);
  await picker.selectOption({ label: `${NAME} (#${ID})` });
  await expect(page).toHaveURL(new RegExp(`campaign_id=${ID}`));
  expect(await visibleCallIds(page)).toEqual([String(call.id)]);

  // Removed from the directory, the name is listed as seen again.
  await page.goto(`/teams/${DEMO.teamSlug}/settings/directory`);
  await campaigns.getByRole("button", { name: `Remove campaign ${ID} (${NAME})` }).click();
  await expect(page.getByText(`Removed campaign ${ID}.`)).toBeVisible();
  await expect(seen.getByRole("row", { name: new RegExp(NAME.replace(/[()]/g, "\\$&")) })).toBeVisible();
});
