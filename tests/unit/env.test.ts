// lib/env.ts: the one reader of process.env. A bad environment is refused with ONE readable line
// that names every bad variable and never echoes a secret; empty strings count as unset.
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

/** The message parseEnv throws for this environment (fails the test when it does not throw). */
function errorOf(source: Record<string, string | undefined>): string {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as EnvError).message;
    expect(message).toMatch(/^Invalid environment: /);
    expect(message).not.toMatch(/[\r\n]/);
    return message;
  }
  throw new Error(`parseEnv accepted ${JSON.stringify(source)}`);
}

const SECRET = "s3cr3t-value-that-must-never-be-printed-0123456789";
const KEYS = "k1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
const production = { NODE_ENV: "production", NEXTAUTH_URL: "https://portal.example.com", NEXTAUTH_SECRET: SECRET, APP_ENCRYPTION_KEYS: KEYS };

describe("defaults", () => {
  it("an empty environment is a valid development environment", () => {
    expect(parseEnv({})).toEqual({
      NODE_ENV: "development",
      DATABASE_POOL_SIZE: 10,
      WHATTALK_API_URL: "https://app.whattalk.ai/api",
      WHATTALK_RECORDING_HOSTS: [{ protocol: "https:", host: "recordings.whattalk.ai" }],
      WHATTALK_RECORDING_RESOLVE: [],
      WHATTALK_TIMEOUT_MS: 10_000,
      WHATTALK_MAX_RETRIES: 2,
      WHATTALK_TEAM_BUDGET_PER_MINUTE: 100,
      WHATTALK_MEMBER_SHARE: 0.5,
      INDEX_BUDGET_SHARE: 0.5,
      WHATTALK_MAX_FANOUT: 20,
      WHATTALK_CACHE_TTL_MS: 15_000,
      SIGNUP_ENABLED: true,
      LOGIN_MAX_ATTEMPTS: 5,
      ANALYTICS_MAX_CALLS: 20_000,
      EXPORT_CONCURRENCY: 4,
      EXPORT_MAX_MINUTES: 30,
      AUDIT_RETENTION_DAYS: 365,
      BODY_MAX_JSON_BYTES: 65_536,
      BODY_MAX_FORM_BYTES: 16_384,
      INDEX_SYNC_SECONDS: 60,
      INDEX_WORKER: "internal",
    });
  });

  it("the index sync's variables are validated", () => {
    expect(parseEnv({ INDEX_SYNC_SECONDS: "5", INDEX_BUDGET_SHARE: "0.25", INDEX_WORKER: "external" })).toMatchObject({ INDEX_SYNC_SECONDS: 5, INDEX_BUDGET_SHARE: 0.25, INDEX_WORKER: "external" });
    expect(() => parseEnv({ INDEX_SYNC_SECONDS: "0" })).toThrow(/INDEX_SYNC_SECONDS/);
    expect(() => parseEnv({ INDEX_BUDGET_SHARE: "1.5" })).toThrow(/INDEX_BUDGET_SHARE must be at most 1/);
    expect(() => parseEnv({ INDEX_WORKER: "elsewhere" })).toThrow(/INDEX_WORKER must be one of internal, external, off/);
  });

  it("AUDIT_RETENTION_DAYS is a whole number of days from 1 to 36500", () => {
    expect(parseEnv({ AUDIT_RETENTION_DAYS: "30" }).AUDIT_RETENTION_DAYS).toBe(30);
    expect(errorOf({ AUDIT_RETENTION_DAYS: "0" })).toBe('Invalid environment: AUDIT_RETENTION_DAYS must be at least 1 (got "0")');
    expect(errorOf({ AUDIT_RETENTION_DAYS: "1.5" })).toBe('Invalid environment: AUDIT_RETENTION_DAYS must be a whole number (got "1.5")');
    expect(errorOf({ AUDIT_RETENTION_DAYS: "a year" })).toBe('Invalid environment: AUDIT_RETENTION_DAYS must be a number (got "a year")');
  });

  it("parses numbers, booleans and lists", () => {
    const e = parseEnv({ LOGIN_MAX_ATTEMPTS: "12", SIGNUP_ENABLED: "off", WHATTALK_RECORDING_HOSTS: " a.test , b.test:8080 ,", WHATTALK_CACHE_TTL_MS: "0" });
    expect(e.LOGIN_MAX_ATTEMPTS).toBe(12);
    expect(e.SIGNUP_ENABLED).toBe(false);
    expect(e.WHATTALK_RECORDING_HOSTS).toEqual([
      { protocol: "https:", host: "a.test" },
      { protocol: "https:", host: "b.test:8080" },
    ]);
    expect(e.WHATTALK_CACHE_TTL_MS).toBe(0);
    for (const yes of ["true", "1", "yes", "on"]) expect(parseEnv({ SIGNUP_ENABLED: yes }).SIGNUP_ENABLED).toBe(true);
    for (const no of ["false", "0", "no", "off"]) expect(parseEnv({ SIGNUP_ENABLED: no }).SIGNUP_ENABLED).toBe(false);
  });

  it("treats empty strings as unset (the defaults apply, pairs and production checks see nothing)", () => {
    const e = parseEnv({ LOGIN_MAX_ATTEMPTS: "", SIGNUP_ENABLED: "", DATABASE_URL: "", REDIS_URL: "", GITHUB_ID: "", GITHUB_SECRET: "", LOG_LEVEL: "" });
    expect(e.LOGIN_MAX_ATTEMPTS).toBe(5);
    expect(e.SIGNUP_ENABLED).toBe(true);
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.REDIS_URL).toBeUndefined();
    expect(e.GITHUB_ID).toBeUndefined();
    expect(e.LOG_LEVEL).toBeUndefined();
    expect(errorOf({ GITHUB_ID: "an-id", GITHUB_SECRET: "" })).toBe("Invalid environment: GITHUB_SECRET is required when GITHUB_ID is set");
    expect(errorOf({ ...production, NEXTAUTH_SECRET: "" })).toBe("Invalid environment: NEXTAUTH_SECRET is required in production");
  });
});

describe("bad variables", () => {
  it("DATABASE_URL must be a PostgreSQL URL, and is never echoed (it holds a password)", () => {
    const message = errorOf({ DATABASE_URL: `mysql://portal:${SECRET}@db.internal/portal` });
    expect(message).toBe("Invalid environment: DATABASE_URL must be a postgresql:// URL");
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain("db.internal");
    expect(parseEnv({ DATABASE_URL: "postgres://u:p@h/db" }).DATABASE_URL).toBe("postgres://u:p@h/db");
    expect(parseEnv({ DATABASE_URL: "postgresql://u:p@h:5432/db" }).DATABASE_URL).toBe("postgresql://u:p@h:5432/db");
  });

  it.each([
    ["abc", "must be a number"],
    ["2.5", "must be a whole number"],
    ["0", "must be at least 1"],
    ["-3", "must be at least 1"],
    ["1001", "must be at most 1000"],
  ])("LOGIN_MAX_ATTEMPTS=%s: %s", (value, problem) => {
    expect(errorOf({ LOGIN_MAX_ATTEMPTS: value })).toBe(`Invalid environment: LOGIN_MAX_ATTEMPTS ${problem} (got ${JSON.stringify(value)})`);
  });

  it.each([
    ["WHATTALK_MEMBER_SHARE", "0", "must be more than 0"],
    ["WHATTALK_MEMBER_SHARE", "1.5", "must be at most 1"],
    ["WHATTALK_MEMBER_SHARE", "half", "must be a number"],
    ["WHATTALK_MAX_FANOUT", "0", "must be at least 1"],
    ["INDEX_BUDGET_SHARE", "0", "must be more than 0"],
    ["INDEX_BUDGET_SHARE", "2", "must be at most 1"],
    ["BODY_MAX_JSON_BYTES", "100", "must be at least 1024"],
    ["BODY_MAX_FORM_BYTES", "64kb", "must be a number"],
    ["BODY_MAX_FORM_BYTES", "20000000", "must be at most 10485760"],
  ])("%s=%s: %s", (name, value, problem) => {
    expect(errorOf({ [name]: value })).toBe(`Invalid environment: ${name} ${problem} (got ${JSON.stringify(value)})`);
  });

  it("takes the fair share, fan-out and body limits from the environment", () => {
    expect(parseEnv({ WHATTALK_MEMBER_SHARE: "0.25", WHATTALK_MAX_FANOUT: "8", BODY_MAX_JSON_BYTES: "131072", BODY_MAX_FORM_BYTES: "4096" })).toMatchObject({
      WHATTALK_MEMBER_SHARE: 0.25,
      WHATTALK_MAX_FANOUT: 8,
      BODY_MAX_JSON_BYTES: 131_072,
      BODY_MAX_FORM_BYTES: 4096,
    });
    expect(parseEnv({ WHATTALK_MEMBER_SHARE: "1" }).WHATTALK_MEMBER_SHARE).toBe(1);
  });

  it.each(["portal.example.com", "ftp://portal.example.com", "https://portal.example.com/portal", "https://portal.example.com/?x=1"])(
    "NEXTAUTH_URL=%s is not an origin next-auth and the invitation links can use",
    (value) => {
      expect(errorOf({ NEXTAUTH_URL: value })).toBe(
        `Invalid environment: NEXTAUTH_URL must be the portal's public origin, like https://portal.example.com (http or https, no path) (got ${JSON.stringify(value)})`,
      );
    },
  );

  it("never echoes credentials written into a URL", () => {
    const message = errorOf({ NEXTAUTH_URL: `https://admin:${SECRET}@portal.example.com`, WHATTALK_API_URL: `notaurl//key:${SECRET}@x` });
    expect(message).not.toContain(SECRET);
    expect(message).toContain('NEXTAUTH_URL must be the portal\'s public origin, like https://portal.example.com (http or https, no path) (got "https://…@portal.example.com")');
  });

  it("accepts NEXTAUTH_URL as an http or https origin, with or without a port or trailing slash", () => {
    for (const v of ["https://portal.example.com", "https://portal.example.com/", "http://localhost:3000", "http://127.0.0.1:4321"]) expect(parseEnv({ NEXTAUTH_URL: v }).NEXTAUTH_URL).toBe(v);
  });

  it("keeps to one line even when a value contains a newline", () => {
    expect(errorOf({ LOGIN_MAX_ATTEMPTS: "5\nLOG_LEVEL=debug" })).toBe('Invalid environment: LOGIN_MAX_ATTEMPTS must be a number (got "5\\nLOG_LEVEL=debug")');
  });

  it("shortens a long echoed value", () => {
    const message = errorOf({ WHATTALK_API_URL: "x".repeat(500) });
    expect(message).toBe(`Invalid environment: WHATTALK_API_URL must be a URL (got "${"x".repeat(60)}…")`);
  });

  it.each([
    ["GITHUB_ID", "GITHUB_SECRET"],
    ["GOOGLE_ID", "GOOGLE_SECRET"],
  ])("%s and %s come in pairs; the missing half is named and the secret never echoed", (id, secret) => {
    expect(errorOf({ [id]: "client-id" })).toBe(`Invalid environment: ${secret} is required when ${id} is set`);
    const message = errorOf({ [secret]: SECRET });
    expect(message).toBe(`Invalid environment: ${id} is required when ${secret} is set`);
    expect(message).not.toContain(SECRET);
    expect(parseEnv({ [id]: "client-id", [secret]: SECRET })).toMatchObject({ [id]: "client-id", [secret]: SECRET });
  });

  it("names every bad variable in one line, and echoes no secret of any of them", () => {
    const message = errorOf({
      DATABASE_URL: `mysql://u:${SECRET}@h/db`,
      REDIS_URL: `http://:${SECRET}@redis.internal`,
      NEXTAUTH_SECRET: "short-secret",
      LOGIN_MAX_ATTEMPTS: "many",
      SIGNUP_ENABLED: "maybe",
      GOOGLE_SECRET: SECRET,
      LOG_LEVEL: "loud",
    });
    for (const name of ["DATABASE_URL", "REDIS_URL", "NEXTAUTH_SECRET", "LOGIN_MAX_ATTEMPTS", "SIGNUP_ENABLED", "GOOGLE_ID", "LOG_LEVEL"]) expect(message).toContain(name);
    expect(message.split("; ")).toHaveLength(7);
    expect(message).toContain('LOGIN_MAX_ATTEMPTS must be a number (got "many")');
    expect(message).toContain('SIGNUP_ENABLED must be true or false (got "maybe")');
    expect(message).toContain("NEXTAUTH_SECRET must be at least 32 characters");
    expect(message).toContain('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")');
    expect(message).toContain("GOOGLE_ID is required when GOOGLE_SECRET is set");
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain("short-secret");
    expect(message).not.toContain("redis.internal");
  });
});

describe("recording hosts and pins", () => {
  it("reads https by default and http only when written, IPv6 in brackets, the default port left out, in lower case", () => {
    const e = parseEnv({
      WHATTALK_RECORDING_HOSTS: "Recordings.WhatTalk.ai, recordings.whattalk.ai:443, http://127.0.0.1:4010, HTTPS://cdn.test:8443, [::1]:4010, http://[0:0::1], http://rec.test:80",
      WHATTALK_RECORDING_RESOLVE: "rec.test:80:10.0.0.5, cdn.test:8443:[fd00:0::7]",
    });
    expect(e.WHATTALK_RECORDING_HOSTS).toEqual([
      { protocol: "https:", host: "recordings.whattalk.ai" },
      { protocol: "https:", host: "recordings.whattalk.ai" },
      { protocol: "http:", host: "127.0.0.1:4010" },
      { protocol: "https:", host: "cdn.test:8443" },
      { protocol: "https:", host: "[::1]:4010" },
      { protocol: "http:", host: "[::1]" },
      { protocol: "http:", host: "rec.test" },
    ]);
    expect(e.WHATTALK_RECORDING_RESOLVE).toEqual([
      { hostname: "rec.test", port: 80, address: "10.0.0.5", family: 4 },
      { hostname: "cdn.test", port: 8443, address: "fd00::7", family: 6 },
    ]);
  });

  it.each([
    ["ftp://recordings.whattalk.ai", "must use https:// or http://"],
    ["::1", "must write an IPv6 address in brackets, like [::1]:4010"],
    ["2001:db8::1:4010", "must write an IPv6 address in brackets, like [::1]:4010"],
    ["https://recordings.whattalk.ai/calls", "must be host, host:port or [IPv6]:port, optionally after https:// or http://, with nothing after the port"],
    ["user@recordings.whattalk.ai", "must be host, host:port or [IPv6]:port, optionally after https:// or http://, with nothing after the port"],
    ["recordings.whattalk.ai:99999", "must be host, host:port or [IPv6]:port (port 1 to 65535)"],
    ["recordings.whattalk.ai:0", "must have a port from 1 to 65535"],
    ["*.whattalk.ai", "is not a host name (no wildcards)"],
  ])("WHATTALK_RECORDING_HOSTS entry %s: %s", (entry, problem) => {
    const value = `recordings.whattalk.ai,${entry}`;
    expect(errorOf({ WHATTALK_RECORDING_HOSTS: value })).toBe(`Invalid environment: WHATTALK_RECORDING_HOSTS entry ${JSON.stringify(entry)} ${problem} (got ${JSON.stringify(value)})`);
  });

  it.each([
    ["recordings.whattalk.ai:443", "must be host:port:address, like recordings.example.com:443:203.0.113.7"],
    ["recordings.whattalk.ai:443:recordings.internal", "must end with an IPv4 address or an IPv6 address in brackets"],
    ["recordings.whattalk.ai:0:203.0.113.7", "must have a port from 1 to 65535"],
    ["127.0.0.1:443:203.0.113.7", "pins a literal address, which needs no pin"],
    ["*.whattalk.ai:443:203.0.113.7", "must start with a host name (no wildcards)"],
  ])("WHATTALK_RECORDING_RESOLVE entry %s: %s", (entry, problem) => {
    expect(errorOf({ WHATTALK_RECORDING_RESOLVE: entry })).toBe(`Invalid environment: WHATTALK_RECORDING_RESOLVE entry ${JSON.stringify(entry)} ${problem} (got ${JSON.stringify(entry)})`);
  });

  it("refuses a pin twice for one host and port, and a pin for no allowed host", () => {
    expect(errorOf({ WHATTALK_RECORDING_RESOLVE: "recordings.whattalk.ai:443:203.0.113.7,recordings.whattalk.ai:443:203.0.113.8" })).toMatch(
      /^Invalid environment: WHATTALK_RECORDING_RESOLVE pins recordings\.whattalk\.ai:443 twice \(got /,
    );
    // The default host is https (443): a pin for port 80 serves nothing.
    expect(errorOf({ WHATTALK_RECORDING_RESOLVE: "recordings.whattalk.ai:80:203.0.113.7" })).toBe(
      'Invalid environment: WHATTALK_RECORDING_RESOLVE pins recordings.whattalk.ai:80, which is not in WHATTALK_RECORDING_HOSTS (got "recordings.whattalk.ai:80:203.0.113.7")',
    );
    expect(parseEnv({ WHATTALK_RECORDING_RESOLVE: "recordings.whattalk.ai:443:203.0.113.7" }).WHATTALK_RECORDING_RESOLVE).toHaveLength(1);
  });
});

describe("production", () => {
  it("requires NEXTAUTH_URL, NEXTAUTH_SECRET and APP_ENCRYPTION_KEYS, naming each", () => {
    expect(errorOf({ NODE_ENV: "production" })).toBe(
      "Invalid environment: NEXTAUTH_URL is required in production; NEXTAUTH_SECRET is required in production; APP_ENCRYPTION_KEYS is required in production",
    );
    expect(errorOf({ ...production, APP_ENCRYPTION_KEYS: undefined })).toBe("Invalid environment: APP_ENCRYPTION_KEYS is required in production");
    expect(errorOf({ ...production, NEXTAUTH_URL: "" })).toBe("Invalid environment: NEXTAUTH_URL is required in production");
    expect(parseEnv(production)).toMatchObject({ NODE_ENV: "production", NEXTAUTH_URL: "https://portal.example.com", NEXTAUTH_SECRET: SECRET, APP_ENCRYPTION_KEYS: KEYS });
  });

  it("reports the production requirements together with every other problem", () => {
    expect(errorOf({ NODE_ENV: "production", LOGIN_MAX_ATTEMPTS: "x", GITHUB_ID: "id" })).toBe(
      'Invalid environment: LOGIN_MAX_ATTEMPTS must be a number (got "x"); NEXTAUTH_URL is required in production; NEXTAUTH_SECRET is required in production; APP_ENCRYPTION_KEYS is required in production; GITHUB_SECRET is required when GITHUB_ID is set',
    );
    expect(errorOf({ NODE_ENV: "staging" })).toBe('Invalid environment: NODE_ENV must be development, production or test (got "staging")');
  });

  it("does not require them in development or under test", () => {
    expect(parseEnv({ NODE_ENV: "development" }).NEXTAUTH_SECRET).toBeUndefined();
    expect(parseEnv({ NODE_ENV: "development" }).NEXTAUTH_URL).toBeUndefined();
    expect(parseEnv({ NODE_ENV: "test" }).APP_ENCRYPTION_KEYS).toBeUndefined();
  });
});
