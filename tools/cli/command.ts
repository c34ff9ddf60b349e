// The shape of an admin CLI command. Each command lives in tools/cli/commands/<name>.ts and is listed
// in tools/cli/commands/index.ts; `portal.ts` parses options, prints help and maps errors to exit codes.

export type OptionSpec = {
  type: "string" | "boolean";
  description: string;
  required?: boolean;
  /** Shown in help, e.g. "<email>". */
  placeholder?: string;
};

export type Io = {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Reads all of stdin (for secrets that should not appear in the shell history). */
  readStdin: () => Promise<string>;
  /** Whether stdin is a terminal (then `readSecret` can ask). */
  stdinIsTTY: boolean;
  /** Asks on the terminal and reads one line without echoing it. */
  readSecret: (prompt: string) => Promise<string>;
};

export type Command = {
  name: string;
  summary: string;
  options: Record<string, OptionSpec>;
  /** Extra lines for `--help <command>` (examples). */
  examples?: string[];
  /**
   * Options refused before anything runs, with the message saying what to use instead: a secret as
   * an argument is visible to every user in `ps` and stays in the shell history.
   */
  refused?: Record<string, string>;
  /** Resolves normally on success; throw UsageError for bad input, AppError (or any error) for failures. */
  run: (options: Record<string, string | boolean | undefined>, io: Io) => Promise<void>;
};

/** Wrong or missing options: exit code 2 and a pointer to --help. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** A required string option (commands declare `required`, this narrows the type). */
export function str(options: Record<string, string | boolean | undefined>, name: string): string {
  const v = options[name];
  if (typeof v !== "string" || v.trim() === "") throw new UsageError(`--${name} is required.`);
  return v;
}
