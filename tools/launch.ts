// `npm run demo` (production build) and `npm run dev` (Next's development server): the whole portal
// on one machine with zero setup. Embedded PostgreSQL (unless DATABASE_URL is set), migrations, demo
// data wired to the bundled WhatTalk simulator, the simulator, and the app at http://localhost:3000.
// Ctrl-C stops everything. A second run reuses the data in .data/.
import path from "node:path";
import { ensureBuild } from "./build";
import { DataDirInUseError } from "./db/embedded";
import { loadOrCreateSecrets } from "./secrets";
import { ROOT, startStack, type Stack } from "./stack";
import { DEMO_WORLD, worldFromEnv } from "./whattalk-sim/world";

// PORTAL_DATA_DIR: another data folder (e.g. a second demo side by side); default .data/.
const DATA_DIR = path.resolve(ROOT, process.env.PORTAL_DATA_DIR || ".data");

async function main() {
  const mode = process.argv[2] === "dev" ? "dev" : "start";
  const log = (s: string) => console.log(`[portal] ${s}`);
  const port = Number(process.env.PORT || 3000);
  const simPort = Number(process.env.SIM_PORT || 4010);
  const secrets = loadOrCreateSecrets(DATA_DIR);
  if (mode === "start") await ensureBuild(log);

  let credentialsToPrint: { email: string; role: string }[] = [];
  let demoPassword = "";
  // Set once started; Ctrl-C may come before that.
  const running: { stack?: Stack } = {};
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log("Stopping…");
    await running.stack?.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  const stack = (running.stack = await startStack({
    mode,
    port,
    hostname: process.env.HOST || "0.0.0.0",
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: DATA_DIR,
    // The demo's WhatTalk lives: live calls finish, evaluations follow, new calls arrive (SIM_EVOLVE=0 /
    // SIM_ARRIVALS_PER_HOUR=0 keep it still; see tools/whattalk-sim/README.md).
    simulator: process.env.WHATTALK_API_URL ? false : { port: simPort, world: { ...DEMO_WORLD, ...worldFromEnv(process.env) } },
    env: {
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || secrets.NEXTAUTH_SECRET,
      APP_ENCRYPTION_KEYS: process.env.APP_ENCRYPTION_KEYS || secrets.APP_ENCRYPTION_KEYS,
      NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://localhost:${port}`,
    },
    appLog: "inherit",
    log,
    async beforeApp({ databaseUrl, simApiUrl }) {
      // The seed runs through the portal's own services, which read the environment once.
      process.env.DATABASE_URL = databaseUrl;
      process.env.APP_ENCRYPTION_KEYS = process.env.APP_ENCRYPTION_KEYS || secrets.APP_ENCRYPTION_KEYS;
      if (simApiUrl) process.env.WHATTALK_API_URL = simApiUrl;
      const { seedDemo } = await import("../prisma/seed");
      const seeded = await seedDemo({ log });
      credentialsToPrint = seeded.users;
      demoPassword = seeded.password;
    },
  }));

  const url = `http://localhost:${port}`;
  console.log("");
  console.log(`  WhatTalk Team Portal is running at ${url}`);
  if (credentialsToPrint.length) {
    console.log(`  Demo sign-ins (password for all: ${demoPassword}):`);
    for (const u of credentialsToPrint) console.log(`    ${u.role.padEnd(10)} ${u.email}`);
  }
  console.log("  Press Ctrl-C to stop.");
  console.log("");
  stack.app.once("exit", (code) => {
    if (!stopping) {
      log(`The app exited (code ${code}).`);
      void stop(code ?? 1);
    }
  });
}

main().catch((error) => {
  if (error instanceof DataDirInUseError) console.error(`[portal] ${error.message}`);
  else console.error(`[portal] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
