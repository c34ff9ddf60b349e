// `npm run screenshot`: the README's picture of the calls page, taken from the production build
// with the demo data (in-memory embedded PostgreSQL, the simulator, the demo seed), signed in as
// the demo supervisor, in Debian's Chromium. Writes docs/screenshot-calls.png.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "../e2e/support/chromium";
import { ensureBuild } from "./build";
import { generateSecrets } from "./secrets";
import { freePort, ROOT, startStack } from "./stack";

const run = promisify(execFile);
const OUT = path.join(ROOT, "docs", "screenshot-calls.png");

async function main() {
  const log = (line: string) => console.log(`[screenshot] ${line}`);
  await ensureBuild(log);
  const port = await freePort();
  const secrets = { ...generateSecrets(), NEXTAUTH_URL: `http://127.0.0.1:${port}` };
  const logFile = path.join(ROOT, "test-results", "screenshot-app.log");
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const stack = await startStack({
    mode: "start",
    port,
    simulator: { port: 0 },
    env: secrets,
    appLog: { file: logFile },
    log,
    async beforeApp({ databaseUrl, simApiUrl }) {
      await run(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server", "prisma/seed-cli.ts"], {
        cwd: ROOT,
        env: { ...process.env, ...secrets, DATABASE_URL: databaseUrl, WHATTALK_API_URL: simApiUrl ?? "", NODE_ENV: "production" },
      });
    },
  });
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, colorScheme: "light", locale: "en-GB", timezoneId: "Europe/Istanbul" });
    const page = await context.newPage();
    await page.goto(`${stack.appUrl}/signin?callbackUrl=${encodeURIComponent("/teams/demo/calls")}`);
    await page.getByLabel("E-mail").fill("supervisor@demo.test");
    await page.getByLabel("Password").fill("demo-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/teams/demo/calls");
    await page.locator("tr[data-call-id]").first().waitFor();
    // Let fonts and the toaster settle, then take the first screenful.
    await page.waitForTimeout(800);
    await page.screenshot({ path: OUT });
    log(`Wrote ${path.relative(ROOT, OUT)}`);
  } finally {
    await browser.close();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`[screenshot] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
