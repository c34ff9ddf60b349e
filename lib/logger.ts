// The one logger: pino, JSON lines on stdout, level from LOG_LEVEL, secrets redacted by path.
// Test capture and redaction: docs/design-notes.md.
import "server-only";
import pino, { type Bindings, type DestinationStream, type Level, type Logger } from "pino";
import { env } from "@/lib/env";

export const REDACT_PATHS = [
  "authorization",
  "Authorization",
  "*.authorization",
  "*.Authorization",
  "headers.authorization",
  "headers.Authorization",
  "*.headers.authorization",
  "*.headers.Authorization",
  "apiKey",
  "*.apiKey",
  "key",
  "*.key",
  "secret",
  "*.secret",
  "password",
  "*.password",
  "token",
  "*.token",
  "ciphertext",
  "*.ciphertext",
];

type Sink = (line: string) => void;
const sinks = new Set<Sink>();

function settings(): { level: Level | "silent"; toStdout: boolean } {
  try {
    const e = env();
    if (e.LOG_LEVEL) return { level: e.LOG_LEVEL, toStdout: e.LOG_LEVEL !== "silent" };
    return { level: "info", toStdout: e.NODE_ENV !== "test" };
  } catch {
    // An invalid environment is reported by assertEnv() at start-up; logging must still work.
    return { level: "info", toStdout: true };
  }
}

const initial = settings();
let toStdout = initial.toStdout;

const destination: DestinationStream = {
  write(line: string) {
    if (toStdout) process.stdout.write(line);
    for (const sink of sinks) sink(line);
  },
};

export const logger: Logger = pino(
  {
    level: initial.level,
    base: { service: "whattalk-portal" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
  },
  destination,
);

/** A child logger with fixed fields, e.g. childLogger({ module: "whattalk", teamId }). */
export function childLogger(bindings: Bindings): Logger {
  return logger.child(bindings);
}

export interface LogCapture {
  /** Raw JSON lines written since capture started (without the trailing newline). */
  lines: string[];
  /** The lines parsed. */
  records(): Array<Record<string, unknown>>;
  /** Stops capturing (and restores the level if one was given). */
  stop(): void;
}

/**
 * For tests: collects every line the logger writes from now on (stdout output unchanged).
 * `level` lowers the root logger's level while capturing; note that child loggers created
 * before the call keep their own level.
 */
export function captureLogs(options: { level?: Level } = {}): LogCapture {
  const lines: string[] = [];
  const sink: Sink = (line) => lines.push(line.replace(/\n$/, ""));
  const previous = logger.level;
  if (options.level) logger.level = options.level;
  sinks.add(sink);
  return {
    lines,
    records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    stop() {
      sinks.delete(sink);
      if (options.level) logger.level = previous;
    },
  };
}

/** For tests: write to stdout or not, regardless of LOG_LEVEL. */
export function setLogStdout(enabled: boolean): void {
  toStdout = enabled;
}
