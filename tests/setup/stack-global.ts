// Vitest global setup for the integration project: one production build of the portal served by
// `next start`, with an in-memory embedded PostgreSQL and the WhatTalk simulator on 127.0.0.1.
// Tests reach it over HTTP and seed through the services with the same DATABASE_URL and secrets.
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { generateSecrets } from "@/tools/secrets";
import { freePort, ROOT, startStack } from "@/tools/stack";

declare module "vitest" {
  export interface ProvidedContext {
    /** appPid: the `next start` process, for tests that watch its memory in /proc. */
    stack: { appUrl: string; appPid: number; simUrl: string; databaseUrl: string; env: Record<string, string>; appLogFile: string };
  }
}

export default async function setup(project: TestProject) {
  if (!fs.existsSync(path.join(ROOT, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID"))) {
    throw new Error("Integration tests run against the production build: run `npm run build` first (npm test does).");
  }
  const secrets = generateSecrets();
  const appLogFile = path.join(path.resolve(ROOT, process.env.TEST_RESULTS_DIR || "test-results"), "integration-app.log");
  fs.rmSync(appLogFile, { force: true });
  // Recordings may come from the simulator (plain http, so each entry says http://) by its literal
  // address and by the name `recordings.sim.test`, pinned to it (both exempt from the private-address
  // rule: the operator chose them), and by `localhost`, listed but resolved by DNS to loopback: refused.
  const simPort = await freePort();
  const stack = await startStack({
    mode: "start",
    port: 0,
    simulator: { port: simPort },
    env: {
      ...secrets,
      LOG_LEVEL: "info",
      // The call index sync would read every connected team's calls in the background (extra upstream
      // requests and writes the tests do not expect); its own tests drive it (tests/db, tests/scale).
      INDEX_WORKER: "off",
      WHATTALK_TIMEOUT_MS: "3000",
      WHATTALK_MAX_RETRIES: "1",
      WHATTALK_RECORDING_HOSTS: `recordings.whattalk.ai,http://127.0.0.1:${simPort},http://localhost:${simPort},http://recordings.sim.test:${simPort}`,
      WHATTALK_RECORDING_RESOLVE: `recordings.sim.test:${simPort}:127.0.0.1`,
    },
    appLog: { file: appLogFile },
  });
  project.provide("stack", {
    appUrl: stack.appUrl,
    appPid: stack.app.pid!,
    simUrl: stack.sim!.url,
    databaseUrl: stack.databaseUrl,
    env: {
      ...secrets,
      DATABASE_URL: stack.databaseUrl,
      WHATTALK_API_URL: stack.appEnv.WHATTALK_API_URL,
      WHATTALK_RECORDING_HOSTS: stack.appEnv.WHATTALK_RECORDING_HOSTS,
      WHATTALK_RECORDING_RESOLVE: stack.appEnv.WHATTALK_RECORDING_RESOLVE,
    },
    appLogFile,
  });
  return async () => {
    await stack.stop();
  };
}
