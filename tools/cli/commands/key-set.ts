// `key:set`: stores a team's WhatTalk API key from a file, stdin, or asked on the terminal without
// echo (never from an argument: those end up in shell history and process lists).
import fs from "node:fs";
import { saveCredential } from "@/lib/connection/save-credential";
import { operatorActor } from "@/lib/auth/team-actor";
import { str, UsageError, type Command } from "../command";
import { teamBySlug } from "./resolve";

export const keySet: Command = {
  name: "key:set",
  summary: "Store (or replace) a team's WhatTalk API key, read from a file or stdin",
  options: {
    team: { type: "string", required: true, placeholder: "<slug>", description: "Team slug" },
    "key-file": { type: "string", placeholder: "<path>", description: 'File holding the key; "-" or omitted: read it from stdin (asked for, not shown, in a terminal)' },
    label: { type: "string", placeholder: "<label>", description: 'Label shown in the settings (default "WhatTalk API key")' },
    "no-check": { type: "boolean", description: "Store without testing the key against WhatTalk (status unchecked)" },
  },
  refused: { key: "a key on the command line is visible in `ps` and kept in shell history. Use --key-file, pipe it in, or leave it out to be asked for it in the terminal (not echoed)." },
  examples: ["npm run portal -- key:set --team acme --key-file ./whattalk.key", "printf %s \"$WHATTALK_KEY\" | npm run portal -- key:set --team acme --label Production"],
  async run(options, io) {
    const slug = str(options, "team");
    const file = typeof options["key-file"] === "string" ? options["key-file"] : "-";
    let apiKey: string;
    if (file === "-") {
      apiKey = io.stdinIsTTY ? await io.readSecret("WhatTalk API key (not shown): ") : await io.readStdin();
    } else {
      try {
        apiKey = fs.readFileSync(file, "utf8");
      } catch (error) {
        throw new UsageError(`Cannot read --key-file ${file}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}.`);
      }
    }
    const team = await teamBySlug(slug);
    const check = options["no-check"] !== true;
    const result = await saveCredential({ actor: operatorActor(team.id, "cli"), label: options.label, apiKey, check });
    const c = result.credential;
    io.out(`${result.replaced ? "Replaced" : "Stored"} the WhatTalk API key "${c.label}" (•••• ${c.last4}) of team ${team.slug}: status ${c.status}.`);
    if (result.warning) io.out(`Warning: ${result.warning}`);
    if (result.directory?.status === "synced") io.out(`Assistants synced from WhatTalk: ${result.directory.total} (${result.directory.added} new, ${result.directory.removed} removed).`);
    else if (result.directory) io.out(`Assistants not synced: ${result.directory.message}`);
  },
};
