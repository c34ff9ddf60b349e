import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./e2e/support/chromium";

// User journeys in a real Chromium (Debian's package; Playwright's own download is not possible
// offline) against a production build started by e2e/support/global-setup.ts.
const port = Number(process.env.E2E_PORT || 3210);
export const E2E_BASE_URL = `http://127.0.0.1:${port}`;
const results = process.env.TEST_RESULTS_DIR || "test-results";

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: `${results}/playwright-report` }]],
  globalSetup: "./e2e/support/global-setup.ts",
  outputDir: `${results}/e2e`,
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    locale: "en-GB",
    timezoneId: "Europe/Istanbul",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: findChromium(),
          args: CHROMIUM_ARGS,
        },
      },
    },
  ],
});
