// CLI entry: `npx tsx tools/whattalk-sim/main.ts` (configuration from SIM_* environment variables,
// see README.md). Prints one line with the URL and the demo keys; exits cleanly on SIGINT/SIGTERM.

import { DEMO_KEYS, simOptionsFromEnv, startSimulator, type Simulator } from "./server";

function main(): void {
  let options;
  try {
    options = simOptionsFromEnv(process.env);
  } catch (e) {
    console.error(`whattalk-sim: ${(e as Error).message}`);
    process.exit(2);
  }
  startSimulator(options).then(
    (sim: Simulator) => {
      const active = Object.entries(sim.getFaults())
        .filter(([k, v]) => (k === "errorStatuses" ? false : Boolean(v)))
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`);
      console.log(
        `WhatTalk simulator at ${sim.apiUrl} (anchor ${sim.dataset.anchor}) — keys: ${Object.values(DEMO_KEYS).join(", ")}` +
          (active.length ? ` — faults: ${active.join(" ")}` : ""),
      );
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        if (!options.quiet) console.error(`whattalk-sim: ${signal}, shutting down`);
        const force = setTimeout(() => process.exit(0), 3000);
        force.unref();
        sim.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.on("SIGINT", () => stop("SIGINT"));
      process.on("SIGTERM", () => stop("SIGTERM"));
    },
    (e: NodeJS.ErrnoException) => {
      if (e.code === "EADDRINUSE") {
        console.error(`whattalk-sim: port ${options.port} is already in use (set SIM_PORT to another port, or 0 for a random one)`);
      } else {
        console.error(`whattalk-sim: ${e.stack ?? e.message}`);
      }
      process.exit(1);
    },
  );
}

main();
