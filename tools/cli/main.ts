// The admin CLI's dispatcher: help, option parsing, and errors → messages and exit codes
// (0 success, 1 the operation failed, 2 usage or configuration error).
import { parseArgs } from "node:util";
import { disconnectDb } from "@/lib/db";
import { env, EnvError } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { UsageError, type Command, type Io } from "./command";
import { COMMANDS } from "./commands";

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

function globalHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "WhatTalk Team Portal admin CLI",
    "",
    "Usage: npm run portal -- <command> [options]",
    "       npm run portal -- <command> --help",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Needs DATABASE_URL (the portal's PostgreSQL). Exit codes: 0 done, 1 failed, 2 usage or configuration error.",
  ].join("\n");
}

function commandHelp(c: Command): string {
  const opts = Object.entries(c.options);
  const synopsis = opts.map(([name, o]) => {
    const part = o.type === "boolean" ? `--${name}` : `--${name} ${o.placeholder ?? "<value>"}`;
    return o.required ? part : `[${part}]`;
  });
  const width = Math.max(0, ...opts.map(([name, o]) => `--${name} ${o.placeholder ?? ""}`.length));
  return [
    `${c.name}: ${c.summary}`,
    "",
    `Usage: npm run portal -- ${c.name} ${synopsis.join(" ")}`,
    "",
    "Options:",
    ...opts.map(([name, o]) => `  ${`--${name} ${o.type === "boolean" ? "" : (o.placeholder ?? "<value>")}`.padEnd(width)}  ${o.description}${o.required ? " (required)" : ""}`),
    ...Object.entries(c.refused ?? {}).map(([name, why]) => `  --${name.padEnd(width - 2)}  Not accepted: ${why}`),
    ...(c.examples?.length ? ["", "Examples:", ...c.examples.map((e) => `  ${e}`)] : []),
  ].join("\n");
}

function formatAppError(error: AppError): string {
  const lines = [`Error: ${error.message}`];
  for (const [field, messages] of Object.entries(error.fieldErrors ?? {})) {
    const text = messages.filter((m) => m !== error.message).join(" ");
    if (text) lines.push(`  ${field === "_form" ? "" : `${field}: `}${text}`);
  }
  return lines.join("\n");
}

export async function main(argv: string[], io: Io, commands: readonly Command[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    const help = globalHelp(commands);
    if (name) io.out(help);
    else io.err(help);
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`Unknown command "${name}". Run \`npm run portal -- --help\` for the list.`);
    return EXIT.usage;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(commandHelp(command));
    return EXIT.ok;
  }

  try {
    // Checked on the raw arguments, so the refusal never echoes the value.
    for (const [option, why] of Object.entries(command.refused ?? {})) {
      if (rest.some((a) => a === `--${option}` || a.startsWith(`--${option}=`))) throw new UsageError(`--${option} is not accepted: ${why}`);
    }
    let values: Record<string, string | boolean | undefined>;
    try {
      values = parseArgs({
        args: rest,
        options: Object.fromEntries(Object.entries(command.options).map(([k, o]) => [k, { type: o.type }])),
        strict: true,
        allowPositionals: false,
      }).values as Record<string, string | boolean | undefined>;
    } catch (error) {
      throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, "."));
    }
    const missing = Object.entries(command.options).filter(([k, o]) => o.required && (values[k] === undefined || values[k] === ""));
    if (missing.length) throw new UsageError(`Missing ${missing.map(([k]) => `--${k}`).join(", ")}.`);

    const e = env();
    if (!e.DATABASE_URL) {
      io.err("DATABASE_URL is not set: point it at the portal's PostgreSQL, e.g. DATABASE_URL=postgresql://user:pass@host:5432/portal npm run portal -- ...");
      return EXIT.usage;
    }
    await command.run(values, io);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`Error: ${error.message}\nRun \`npm run portal -- ${command.name} --help\` for usage.`);
      return EXIT.usage;
    }
    if (error instanceof EnvError) {
      io.err(error.message);
      return EXIT.usage;
    }
    if (error instanceof AppError) {
      io.err(formatAppError(error));
      return EXIT.failed;
    }
    io.err(`Error: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failed;
  } finally {
    await disconnectDb().catch(() => {});
  }
}
