// `npm run portal -- <command>`: the admin CLI (see `npm run portal -- --help`). Runs the portal's own
// services with `--conditions=react-server`, so `server-only` modules load outside Next.js.
import readline from "node:readline";
import { Writable } from "node:stream";
import { main } from "./main";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** One line from the terminal, not echoed: readline in terminal mode (raw input) writing to nowhere. */
function readSecret(prompt: string): Promise<string> {
  const nowhere = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = readline.createInterface({ input: process.stdin, output: nowhere, terminal: true });
  // Only now, with the terminal's echo off: what is typed after the prompt never shows.
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let answer: string | undefined;
    rl.once("line", (line) => {
      answer = line;
      rl.close();
    });
    rl.once("SIGINT", () => rl.close());
    rl.once("close", () => {
      process.stderr.write("\n");
      if (answer === undefined) reject(new Error("Cancelled: nothing was changed."));
      else resolve(answer);
    });
  });
}

main(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l), readStdin, stdinIsTTY: Boolean(process.stdin.isTTY), readSecret }).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
