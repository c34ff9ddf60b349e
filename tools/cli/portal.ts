// `npm run portal -- <command>`: the admin CLI (see `npm run portal -- --help`). Runs the portal's own
// services with `--conditions=react-server`, so `server-only` modules load outside Next.js.
import { main } from "./main";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

main(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l), readStdin }).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
