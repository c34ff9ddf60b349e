import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Flags for every Chromium the tests and benchmarks start: no sandbox (CI runs as root), no GPU, and
 * none of Chromium's background connections, which this machine's closed network would refuse.
 */
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/** Finds a Chromium to drive, or stops with instructions to get one. */
export function findChromium(): string {
  const candidates = [
    process.env.CHROMIUM_PATH,
    process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH,
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  ].filter((p): p is string => !!p);
  for (const c of candidates) if (fs.existsSync(c)) return c;
  const cache = path.join(os.homedir(), ".cache", "ms-playwright");
  if (fs.existsSync(cache)) {
    for (const dir of fs.readdirSync(cache).filter((d) => d.startsWith("chromium-")).sort().reverse()) {
      for (const sub of ["chrome-linux/chrome", "chrome-linux64/chrome"]) {
        const p = path.join(cache, dir, sub);
        if (fs.existsSync(p)) return p;
      }
    }
  }
  throw new Error(
    "No Chromium found for the browser tests. Install one and run again:\n" +
      "  Debian/Ubuntu:  sudo apt-get install -y chromium\n" +
      "  elsewhere:      npx playwright install chromium   (needs internet)\n" +
      "  or point CHROMIUM_PATH at a Chrome/Chromium binary.",
  );
}
