import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { seedDemo } from "@/prisma/seed";
import { deleteTeam } from "@/lib/teams/delete-team";
import { team, uniq } from "./accounts-fixtures";

const ROOT = path.resolve(__dirname, "../..");

/** Runs `npm run portal -- ...` the way an operator would (tsx, react-server conditions). */
function portal(args: string[], opts: { env?: Record<string, string | undefined>; stdin?: string } = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...opts.env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
    const child = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "tools/cli/portal.ts", ...args], { cwd: ROOT, env });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out, err }));
    child.stdin.end(opts.stdin ?? "");
  });
}

/**
 * Runs `npm run portal -- ...` in a terminal (a pseudo-terminal from util-linux's `script`), typing
 * each answer once its prompt appears. Returns everything the terminal showed.
 */
function portalInTerminal(args: string[], answers: { prompt: RegExp; text: string }[]): Promise<{ code: number | null; screen: string }> {
  const quote = (a: string) => `'${a.replace(/'/g, "'\\''")}'`;
  const command = [process.execPath, path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "tools/cli/portal.ts", ...args].map(quote).join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["--quiet", "--return", "--flush", "--command", command, "/dev/null"], { cwd: ROOT, env: process.env });
    let screen = "";
    let seen = 0; // where the next prompt is looked for
    const onOutput = (d: Buffer) => {
      screen += d;
      for (let m; answers.length && (m = answers[0].prompt.exec(screen.slice(seen))); ) {
        seen += m.index + m[0].length;
        child.stdin.write(`${answers.shift()!.text}\r`);
      }
    };
    child.stdout.on("data", onOutput);
    child.stderr.on("data", onOutput);
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, screen }));
  });
}

// Each command is a fresh tsx process (a few seconds each on a busy 2-core machine): generous timeouts.
describe("admin CLI", { timeout: 180_000 }, () => {
  it("prints help and exits 0; an unknown command or missing option exits 2", async () => {
    const help = await portal(["--help"]);
    expect(help.code).toBe(0);
    for (const c of ["user:create", "team:create", "member:add", "member:role"]) expect(help.out).toContain(c);
    const cmdHelp = await portal(["member:role", "--help"]);
    expect(cmdHelp.code).toBe(0);
    expect(cmdHelp.out).toContain("--team <slug>");
    const unknown = await portal(["user:delete"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/Unknown command "user:delete"/);
    const missing = await portal(["user:create", "--email", "a@b.test"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/Missing --name/);
    const extra = await portal(["user:create", "--email", "a@b.test", "--password-stdin", "--name", "A", "--admin"], { stdin: "long enough" });
    expect(extra.code).toBe(2);
    expect(extra.err).toMatch(/--admin/);
  });

  it("needs DATABASE_URL", async () => {
    const r = await portal(["user:create", "--email", "a@b.test", "--password-stdin", "--name", "A"], { env: { DATABASE_URL: undefined }, stdin: "long enough" });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/DATABASE_URL is not set/);
  });

  const owner = `${uniq("ops")}@example.test`;
  const agent = `${uniq("agent")}@example.test`;
  const slug = uniq("cli-");

  it("user:create creates users through the service (validation, one per e-mail), the password from stdin", async () => {
    const u1 = await portal(["user:create", "--email", owner, "--password-stdin", "--name", "Ops Owner"], { stdin: "long enough password\n" });
    expect(u1).toMatchObject({ code: 0 });
    expect(u1.out).toContain(`Created user ${owner}`);
    const u2 = await portal(["user:create", "--email", agent, "--password-stdin", "--name", "Agent Smith"], { stdin: "from stdin 123" });
    expect(u2.code).toBe(0);
    const hashes = await db().user.findMany({ where: { email: { in: [owner, agent] } }, orderBy: { email: "asc" }, select: { email: true, passwordHash: true } });
    expect(await verifyPassword(hashes.find((h) => h.email === owner)!.passwordHash!, "long enough password")).toBe(true);
    expect(await verifyPassword(hashes.find((h) => h.email === agent)!.passwordHash!, "from stdin 123")).toBe(true);
    const dup = await portal(["user:create", "--email", owner, "--password-stdin", "--name", "Again"], { stdin: "long enough password\n" });
    expect(dup.code).toBe(1);
    expect(dup.err).toMatch(/already exists/);
    const weak = await portal(["user:create", "--email", `${uniq()}@example.test`, "--password-stdin", "--name", "W"], { stdin: "short\n" });
    expect(weak.code).toBe(1);
    expect(weak.err).toMatch(/password: Use at least 8 characters/);
  });

  it("user:create refuses a password given as an argument, and one missing without a terminal; nothing is created", async () => {
    const email = `${uniq("argv")}@example.test`;
    for (const args of [["--password", "argv secret 123"], ["--password=argv secret 123"], ["--password-stdin", "--password", "argv secret 123"]]) {
      const r = await portal(["user:create", "--email", email, "--name", "Argv", ...args], { stdin: "long enough password\n" });
      expect(r.code).toBe(2);
      expect(r.err).toContain("--password is not accepted: a password on the command line is visible in `ps` and kept in shell history.");
      expect(r.err).toContain("--password-stdin");
      expect(r.out + r.err).not.toContain("argv secret 123");
    }
    const none = await portal(["user:create", "--email", email, "--name", "No Password"]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/No password: run this in a terminal to be asked for it, or pipe it in with --password-stdin/);
    expect(await db().user.count({ where: { email } })).toBe(0);
    const keyArg = await portal(["key:set", "--team", "any", "--key", "wt_argv_key"]);
    expect(keyArg.code).toBe(2);
    expect(keyArg.err).toMatch(/--key is not accepted: .*--key-file/);
  });

  it("user:create in a terminal asks for the password twice without echoing it", async () => {
    const email = `${uniq("tty")}@example.test`;
    const secret = "typed in terminal 42";
    const r = await portalInTerminal(["user:create", "--email", email, "--name", "Terminal User"], [
      { prompt: /Password \(not shown\): /, text: secret },
      { prompt: /Repeat the password: /, text: secret },
    ]);
    expect(r.code).toBe(0);
    expect(r.screen).toContain("Repeat the password: ");
    expect(r.screen).toContain(`Created user ${email}`);
    expect(r.screen).not.toContain(secret);
    const created = await db().user.findUniqueOrThrow({ where: { email }, select: { passwordHash: true } });
    expect(await verifyPassword(created.passwordHash!, secret)).toBe(true);

    const other = `${uniq("tty")}@example.test`;
    const differ = await portalInTerminal(["user:create", "--email", other, "--name", "Typo"], [
      { prompt: /Password \(not shown\): /, text: secret },
      { prompt: /Repeat the password: /, text: "something else 42" },
    ]);
    expect(differ.code).toBe(1);
    expect(differ.screen).toContain("The two passwords differ; nothing was created.");
    expect(await db().user.count({ where: { email: other } })).toBe(0);
  });

  it("team:create makes the given user the owner", async () => {
    const t = await portal(["team:create", "--name", "CLI Team", "--slug", slug, "--owner", owner, "--time-zone", "Europe/Berlin", "--country", "DE"]);
    expect(t.code).toBe(0);
    const team = await db().team.findUniqueOrThrow({ where: { slug }, select: { id: true, timeZone: true, country: true, memberships: { select: { role: true, user: { select: { email: true } } } } } });
    expect(team).toMatchObject({ timeZone: "Europe/Berlin", country: "DE", memberships: [{ role: "OWNER", user: { email: owner } }] });
    expect((await portal(["team:create", "--name", "X", "--slug", slug, "--owner", owner])).code).toBe(1);
    const noOwner = await portal(["team:create", "--name", "X", "--slug", uniq("x-"), "--owner", "nobody@example.test"]);
    expect(noOwner.code).toBe(1);
    expect(noOwner.err).toMatch(/No user with e-mail nobody@example.test/);
  });

  it("member:add adds an existing user with a role", async () => {
    const add = await portal(["member:add", "--team", slug, "--email", agent, "--role", "agent"]);
    expect(add).toMatchObject({ code: 0 });
    expect((await portal(["member:add", "--team", slug, "--email", agent, "--role", "agent"])).code).toBe(1);
    expect((await portal(["member:add", "--team", "no-such-team", "--email", agent, "--role", "agent"])).err).toMatch(/No team with slug "no-such-team"/);
    const badRole = await portal(["member:add", "--team", slug, "--email", agent, "--role", "boss"]);
    expect(badRole.code).toBe(2);
  });

  it("member:role changes a role, ends the member's sessions, and keeps the last owner", async () => {
    const team = await db().team.findUniqueOrThrow({ where: { slug }, select: { id: true } });
    const svBefore = (await db().user.findUniqueOrThrow({ where: { email: agent } })).sessionVersion;
    const promote = await portal(["member:role", "--team", slug, "--email", agent, "--role", "SUPERVISOR"]);
    expect(promote.code).toBe(0);
    expect(promote.out).toContain("is now supervisor");
    expect((await db().user.findUniqueOrThrow({ where: { email: agent } })).sessionVersion).toBe(svBefore + 1);
    const lastOwner = await portal(["member:role", "--team", slug, "--email", owner, "--role", "admin"]);
    expect(lastOwner.code).toBe(1);
    expect(lastOwner.err).toMatch(/at least one owner/);
    const notMember = await portal(["member:role", "--team", slug, "--email", "nobody@example.test", "--role", "admin"]);
    expect(notMember.code).toBe(1);

    const events = await db().auditEvent.findMany({ where: { teamId: team.id }, orderBy: { createdAt: "asc" }, select: { action: true, actorLabel: true } });
    expect(events).toEqual([
      { action: "team.created", actorLabel: "operator:cli" },
      { action: "member.joined", actorLabel: "operator:cli" },
      { action: "member.role_changed", actorLabel: "operator:cli" },
    ]);
  });
});

describe("audit:purge", { timeout: 180_000 }, () => {
  it("deletes the audit rows of teams deleted more than AUDIT_RETENTION_DAYS ago, --dry-run only counts", async () => {
    const t = await team(["OWNER", "ADMIN"]);
    await deleteTeam({ actor: t.by("OWNER").actor, confirmSlug: t.team.slug });
    await db().auditEvent.updateMany({ where: { teamRefId: t.team.id }, data: { detachedAt: new Date(Date.now() - 400 * 24 * 60 * 60 * 1000) } });
    const rows = () => db().auditEvent.count({ where: { teamRefId: t.team.id } });
    expect(await rows()).toBe(3);

    const longer = await portal(["audit:purge"], { env: { AUDIT_RETENTION_DAYS: "500" } });
    expect(longer.code).toBe(0);
    expect(longer.out).toMatch(/^Deleted 0 audit rows of teams deleted before \S+ \(AUDIT_RETENTION_DAYS=500\)\.$/m);
    const dry = await portal(["audit:purge", "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/^Would delete 3 audit rows of teams deleted before \S+ \(AUDIT_RETENTION_DAYS=365\)\.$/m);
    expect(await rows()).toBe(3);
    const purge = await portal(["audit:purge"]);
    expect(purge.code).toBe(0);
    expect(purge.out).toMatch(/^Deleted 3 audit rows/m);
    expect(await rows()).toBe(0);
  });
});

describe("demo seed", () => {
  it("creates the demo team once; a second run changes nothing and returns the same list", async () => {
    const lines: string[] = [];
    const first = await seedDemo({ log: (l) => lines.push(l) });
    expect(first.password).toBe("demo-password");
    expect(first.users).toEqual([
      { email: "owner@demo.test", role: "owner" },
      { email: "admin@demo.test", role: "admin" },
      { email: "supervisor@demo.test", role: "supervisor" },
      { email: "agent@demo.test", role: "agent" },
    ]);
    const snapshot = async () => ({
      users: await db().user.findMany({ where: { email: { endsWith: "@demo.test" } }, orderBy: { email: "asc" }, select: { email: true, passwordHash: true, sessionVersion: true, updatedAt: true } }),
      team: await db().team.findUniqueOrThrow({ where: { slug: "demo" }, select: { name: true, timeZone: true, country: true, updatedAt: true } }),
      members: await db().membership.findMany({ where: { team: { slug: "demo" } }, orderBy: { id: "asc" }, select: { role: true, user: { select: { email: true } } } }),
      assignments: await db().agentAssignment.findMany({ where: { team: { slug: "demo" } }, orderBy: { assistantId: "asc" }, select: { assistantId: true, label: true, membership: { select: { user: { select: { email: true } } } } } }),
      audit: await db().auditEvent.count({ where: { team: { slug: "demo" } } }),
    });
    const before = await snapshot();
    expect(before.team).toMatchObject({ name: "Demo Call Centre", timeZone: "Europe/Istanbul", country: "TR" });
    expect(before.members.map((m) => [m.user.email, m.role]).sort()).toEqual([
      ["admin@demo.test", "ADMIN"],
      ["agent@demo.test", "AGENT"],
      ["owner@demo.test", "OWNER"],
      ["supervisor@demo.test", "SUPERVISOR"],
    ]);
    expect(before.assignments).toEqual([
      { assistantId: 101, label: "Satış Asistanı – Ayşe", membership: { user: { email: "agent@demo.test" } } },
      { assistantId: 102, label: "Müşteri Hizmetleri (Gelen)", membership: { user: { email: "agent@demo.test" } } },
    ]);

    const second = await seedDemo({ log: (l) => lines.push(l) });
    expect(second).toEqual(first);
    expect(await snapshot()).toEqual(before);
    expect(lines.at(-1)).toBe("Demo data already present.");
  });
});
