import { expect, signIn, simControl, test, DEMO } from "../fixtures";

// An admin of the demo team (wired to the simulator by the seed) looks after the WhatTalk
// connection: status, test, a refused replacement, "save anyway" while WhatTalk is down, and the
// assistants directory.
test("an admin checks, tests and tries to replace the WhatTalk key, then syncs the assistants", async ({ page, request }) => {
  await signIn(page, DEMO.admin);
  await page.goto(`/teams/${DEMO.teamSlug}/settings/connection`);
  await expect(page.getByRole("heading", { name: "WhatTalk connection" })).toBeVisible();
  await expect(page.getByText("•••• lpha")).toBeVisible();
  await expect(page.getByText("OK", { exact: true })).toBeVisible();
  await expect(page.getByText("Demo account (simulator)")).toBeVisible();
  // The key field is a password field, empty and not auto-filled.
  const keyField = page.getByLabel("New API key");
  await expect(keyField).toHaveAttribute("type", "password");
  await expect(keyField).toHaveAttribute("autocomplete", "off");
  await expect(keyField).toHaveValue("");

  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText("Connected: WhatTalk accepted the key.")).toBeVisible();

  // A key WhatTalk does not know is refused and nothing changes.
  await keyField.fill("wt_wrong_key_from_e2e");
  await page.getByRole("button", { name: "Replace key" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "WhatTalk rejected this key" })).toContainText("Nothing was saved.");
  await page.reload();
  await expect(page.getByText("•••• lpha")).toBeVisible();
  await expect(page.getByText("OK", { exact: true })).toBeVisible();

  // WhatTalk is down while the key is entered: it can be saved anyway, as unchecked.
  await simControl(request, "/faults", "PATCH", { failNext: { count: 2, status: 503 } });
  await page.getByLabel("New API key").fill("wt_demo_alpha");
  await page.getByRole("button", { name: "Replace key" }).click();
  const down = page.getByRole("alert").filter({ hasText: "WhatTalk could not be reached" });
  await expect(down).toBeVisible();
  await simControl(request, "/faults", "PATCH", { failNext: { count: 2, status: 503 } });
  await down.getByRole("button", { name: "Save anyway as unchecked" }).click();
  await expect(page.getByText("Unchecked", { exact: true })).toBeVisible();
  await simControl(request, "/faults", "PATCH", { failNext: null });
  await expect(page.getByLabel("New API key")).toHaveValue("");
  // Once WhatTalk answers again, testing brings it back to OK.
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText("Connected: WhatTalk accepted the key.")).toBeVisible();
  await expect(page.getByText("OK", { exact: true })).toBeVisible();

  // The assistants directory, synced from WhatTalk.
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Assistants & campaigns" }).click();
  await expect(page.getByRole("heading", { name: "Assistants", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Sync from WhatTalk" }).click();
  await expect(page.getByText(/Synced 7 assistants from WhatTalk/)).toBeVisible();
  const assistants = page.getByRole("table", { name: "Assistants" });
  await expect(assistants.getByRole("row")).toHaveCount(8); // header + 101–107
  await expect(assistants).toContainText("Satış Asistanı – Ayşe");
  await expect(page.getByText(/Last synced/)).toBeVisible();

  // A campaign typed by hand appears in the campaigns table and can be removed again.
  const campaignForm = page.getByRole("form", { name: "Add a campaign" });
  await campaignForm.getByLabel("WhatTalk id").fill("9901");
  await campaignForm.getByLabel("Name").fill("E2E campaign");
  await campaignForm.getByRole("button", { name: "Add campaign" }).click();
  const campaigns = page.getByRole("table", { name: "Campaigns" });
  await expect(campaigns).toContainText("E2E campaign");
  await campaigns.getByRole("button", { name: "Remove campaign 9901 (E2E campaign)" }).click();
  await expect(page.getByText("Removed campaign 9901.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Campaigns" }).getByText("E2E campaign")).toHaveCount(0);
});
