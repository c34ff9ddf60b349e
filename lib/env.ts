// The one reader of process.env. Everything else imports `env()` from here.
// Validation is lazy (first call) so `next build` never needs runtime secrets; start-up calls
// `assertEnv()` (instrumentation.ts and the launcher) so a bad variable stops the server with one
// readable line naming it.
import { z } from "zod";
import { pinIsForAllowedHost, recordingHostsSchema, recordingPinsSchema } from "@/lib/recording-hosts";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no", "on", "off"], { message: "must be true or false" })
  .transform((v) => ["true", "1", "yes", "on"].includes(v));
const int = (min: number, max: number) =>
  z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

/** An http(s) URL with nothing after the host: next-auth would read a path as its own base path. */
function isHttpOrigin(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === "https:" || u.protocol === "http:") && u.pathname === "/" && !u.search && !u.hash && !u.username && !u.password;
  } catch {
    return false;
  }
}

const RECORDING_HOSTS_DEFAULT = "recordings.whattalk.ai";

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"], { message: "must be development, production or test" }).default("development"),
    /** PostgreSQL connection string. Unset: the launcher starts the embedded database and sets it. */
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL").optional(),
    /** Connections per app instance. The embedded database serves one query at a time, so the launcher sets 1 for it. */
    DATABASE_POOL_SIZE: int(1, 100).default(10),
    /**
     * The portal's public origin, e.g. https://portal.example.com. Required in production: next-auth
     * builds its OAuth callback URLs and redirects from it and marks cookies Secure when it is https,
     * and invitation links are built from it (never from a request's spoofable Host header).
     */
    NEXTAUTH_URL: z.string().refine(isHttpOrigin, "must be the portal's public origin, like https://portal.example.com (http or https, no path)").optional(),
    /** Secret that signs session tokens (32+ random characters). Required in production. */
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    /** Key ring for API keys at rest: "k2:<base64 32 bytes>,k1:<...>"; the first encrypts, all decrypt. */
    APP_ENCRYPTION_KEYS: z.string().optional(),
    WHATTALK_API_URL: z.url("must be a URL").default("https://app.whattalk.ai/api"),
    /** Hosts recordings may be fetched from: `host`, `host:port`, `[IPv6]:port` (https), or the same after `http://`. */
    WHATTALK_RECORDING_HOSTS: recordingHostsSchema.prefault(RECORDING_HOSTS_DEFAULT),
    /** curl-style pins `host:port:address` for recording hosts: no DNS, and the operator's address is trusted like a listed literal one. */
    WHATTALK_RECORDING_RESOLVE: recordingPinsSchema.prefault(""),
    WHATTALK_TIMEOUT_MS: int(100, 120_000).default(10_000),
    WHATTALK_MAX_RETRIES: int(0, 5).default(2),
    /** Upstream requests a team may make per minute, across all instances. */
    WHATTALK_TEAM_BUDGET_PER_MINUTE: int(1, 100_000).default(100),
    /** Share of that budget one member may use per minute (0 < share ≤ 1; 1 = no per-member limit). */
    WHATTALK_MEMBER_SHARE: z.coerce.number({ message: "must be a number" }).gt(0, "must be more than 0").max(1, "must be at most 1").default(0.5),
    /** Share of the team's budget the call index's sync may spend per minute (0 < share ≤ 1); people always come first. */
    INDEX_BUDGET_SHARE: z.coerce.number({ message: "must be a number" }).gt(0, "must be more than 0").max(1, "must be at most 1").default(0.5),
    /** Upstream requests one portal request may make at most (an agent's merged list of several assistants). */
    WHATTALK_MAX_FANOUT: int(1, 1000).default(20),
    /** Response cache lifetime in ms; 0 disables the cache. */
    WHATTALK_CACHE_TTL_MS: int(0, 600_000).default(15_000),
    /** Redis for shared rate limits, cache and coalescing across instances. Unset: in memory. */
    REDIS_URL: z.string().regex(/^rediss?:\/\//, "must be a redis:// URL").optional(),
    SIGNUP_ENABLED: bool.default(true),
    GITHUB_ID: z.string().optional(),
    GITHUB_SECRET: z.string().optional(),
    GOOGLE_ID: z.string().optional(),
    GOOGLE_SECRET: z.string().optional(),
    /** Password checks per e-mail per minute (per IP: 4×) before 429; a success gives its point back (lib/auth/throttle.ts). */
    LOGIN_MAX_ATTEMPTS: int(1, 1000).default(5),
    /** Unset: "info", except under NODE_ENV=test where logs are silent unless LOG_LEVEL is set (lib/logger.ts). */
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { message: "must be one of fatal, error, warn, info, debug, trace, silent" }).optional(),
    /** Analytics refuses ranges with more calls than this and asks for a narrower range. */
    ANALYTICS_MAX_CALLS: int(100, 1_000_000).default(20_000),
    /** Parallel upstream page requests of one CSV export or analytics run. */
    EXPORT_CONCURRENCY: int(1, 16).default(4),
    /** Largest JSON request body (bytes); larger ones get 413 without being read. */
    BODY_MAX_JSON_BYTES: int(1024, 10 * 1024 * 1024).default(64 * 1024),
    /** Largest form body (bytes) of the sign-in routes (next-auth); larger ones get 413 without being read. */
    BODY_MAX_FORM_BYTES: int(1024, 10 * 1024 * 1024).default(16 * 1024),
    /** A CSV export needing more minutes of the team's request budget than this is refused upfront (narrow the range). */
    EXPORT_MAX_MINUTES: int(1, 1440).default(30),
    /** A deleted team's audit rows are kept this many days after the deletion, then purged (lib/audit/purge.ts). */
    AUDIT_RETENTION_DAYS: int(1, 36_500).default(365),
    /** Seconds between two incremental syncs of a team's call index (lib/call-index/sync). */
    INDEX_SYNC_SECONDS: int(1, 86_400).default(60),
    /** "internal": index jobs run in the server process; "external": only in `npm run worker`; "off": nowhere here. */
    INDEX_WORKER: z.enum(["internal", "external", "off"], { message: "must be one of internal, external, off" }).default("internal"),
  });

export type Env = z.infer<typeof schema>;

const PRODUCTION_REQUIRED = ["NEXTAUTH_URL", "NEXTAUTH_SECRET", "APP_ENCRYPTION_KEYS"] as const;
const OAUTH_PAIRS = [
  ["GITHUB_ID", "GITHUB_SECRET"],
  ["GOOGLE_ID", "GOOGLE_SECRET"],
] as const;

/**
 * Rules across variables. They look only at which variables are set, so they are checked on the raw
 * values and reported together with every other problem (a zod refinement would run only once the
 * rest of the environment is valid).
 */
function crossIssues(set: Record<string, string>): { name: string; message: string }[] {
  const issues: { name: string; message: string }[] = [];
  if (set.NODE_ENV === "production") for (const name of PRODUCTION_REQUIRED) if (!set[name]) issues.push({ name, message: "is required in production" });
  // An OAuth provider needs both halves; name the missing one.
  for (const [id, secret] of OAUTH_PAIRS) {
    if (set[id] && !set[secret]) issues.push({ name: secret, message: `is required when ${id} is set` });
    if (!set[id] && set[secret]) issues.push({ name: id, message: `is required when ${secret} is set` });
  }
  // A recording pin must serve an allowed host (otherwise it does nothing: a typo).
  const hosts = recordingHostsSchema.safeParse(set.WHATTALK_RECORDING_HOSTS ?? RECORDING_HOSTS_DEFAULT);
  const pins = recordingPinsSchema.safeParse(set.WHATTALK_RECORDING_RESOLVE ?? "");
  if (hosts.success && pins.success) {
    for (const pin of pins.data) {
      if (!pinIsForAllowedHost(pin, hosts.data)) issues.push({ name: "WHATTALK_RECORDING_RESOLVE", message: `pins ${pin.hostname}:${pin.port}, which is not in WHATTALK_RECORDING_HOSTS` });
    }
  }
  return issues;
}

export class EnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvError";
  }
}

/** Parses an environment; throws EnvError with one readable line naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ""));
  const result = schema.safeParse(cleaned);
  const cross = crossIssues(cleaned);
  if (result.success && cross.length === 0) return result.data;
  const issues = [...(result.success ? [] : result.error.issues.map((i) => ({ name: String(i.path[0] ?? "environment"), message: i.message }))), ...cross];
  const parts = issues.map((i) => {
    const name = i.name;
    const raw = cleaned[name];
    const secret = /SECRET|KEYS|PASSWORD|DATABASE_URL|REDIS_URL/.test(name);
    // Credentials in a URL ("//user:pass@") are never echoed; JSON quoting escapes newlines and
    // control characters, so the message stays one line.
    const shown = raw?.replace(/\/\/[^/@\s]*@/g, "//…@");
    const got = shown === undefined || secret ? "" : ` (got ${JSON.stringify(shown.length > 60 ? shown.slice(0, 60) + "…" : shown)})`;
    return `${name} ${i.message}${got}`;
  });
  throw new EnvError(`Invalid environment: ${parts.join("; ")}`);
}

let cached: Env | undefined;

/** The validated environment (parsed once). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests: forget the cached environment after changing process.env. */
export function resetEnvCache() {
  cached = undefined;
}

/** Called at start-up: prints one line and exits when the environment is invalid. */
export function assertEnv(): Env {
  try {
    return env();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
