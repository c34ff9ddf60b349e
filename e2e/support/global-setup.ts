import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { generateSecrets } from "../../tools/secrets";
import { ROOT, startStack } from "../../tools/stack";

const run = promisify(execFile);
/** Where test output goes; TEST_RESULTS_DIR lets several checkouts' runs share a machine. */
export const RESULTS_DIR = path.resolve(ROOT, process.env.TEST_RESULTS_DIR || "test-results");
export const STACK_FILE = path.join(RESULTS_DIR, "e2e-stack.json");

// One production build of the portal on E2E_PORT with an in-memory embedded PostgreSQL, the demo
// seed (one user per role in team "demo", wired to the simulator) and the simulator on a free port.
export default async function globalSetup() {
  if (!fs.existsSync(path.join(ROOT, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID"))) {
    throw new Error("Browser tests run against the production build: run `npm run build` first (npm test does).");
  }
  const port = Number(process.env.E2E_PORT || 3210);
  const secrets = generateSecrets();
  const stack = await startStack({
    mode: "start",
    port,
    simulator: { port: 0 },
    // The journeys are one scripted user per role, faster than people: each may use the whole team
    // budget (the members' fair share is tested over HTTP in tests/integration/fair-share.test.ts).
    env: { ...secrets, WHATTALK_TIMEOUT_MS: "3000", WHATTALK_MAX_RETRIES: "1", WHATTALK_MEMBER_SHARE: "1" },
    appLog: { file: path.join(RESULTS_DIR, "e2e-app.log") },
    async beforeApp({ databaseUrl, simApiUrl }) {
      // The seed runs through the portal's services in a tsx process (server-only modules).
      await run(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server", "prisma/seed-cli.ts"], {
        cwd: ROOT,
        env: { ...process.env, ...secrets, DATABASE_URL: databaseUrl, WHATTALK_API_URL: simApiUrl ?? "", NEXTAUTH_URL: `http://127.0.0.1:${port}`, NODE_ENV: "production" },
      });
    },
  });
  fs.mkdirSync(path.dirname(STACK_FILE), { recursive: true });
  fs.writeFileSync(STACK_FILE, JSON.stringify({ appUrl: stack.appUrl, simUrl: stack.sim?.url, databaseUrl: stack.databaseUrl, env: secrets }));
  return async () => {
    await stack.stop();
  };
}
