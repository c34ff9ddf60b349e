import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedDemo } from "@/prisma/seed";
import { uniq } from "./accounts-fixtures";

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
    expect(missing.err).toMatch(/Missing --password, --name/);
    const extra = await portal(["user:create", "--email", "a@b.test", "--password", "x", "--name", "A", "--admin"]);
    expect(extra.code).toBe(2);
    expect(extra.err).toMatch(/--admin/);
  });

  it("needs DATABASE_URL", async () => {
    const r = await portal(["user:create", "--email", "a@b.test", "--password", "long enough", "--name", "A"], { env: { DATABASE_URL: undefined } });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/DATABASE_URL is not set/);
  });

  const owner = `${uniq("ops")}@example.test`;
  const agent = `${uniq("agent")}@example.test`;
  const slug = uniq("cli-");

  it("user:create creates users through the service (validation, one per e-mail)", async () => {
    const u1 = await portal(["user:create", "--email", owner, "--password", "long enough password", "--name", "Ops Owner"]);
    expect(u1).toMatchObject({ code: 0 });
    expect(u1.out).toContain(`Created user ${owner}`);
    const u2 = await portal(["user:create", "--email", agent, "--password", "-", "--name", "Agent Smith"], { stdin: "from stdin 123\n" });
    expect(u2.code).toBe(0);
    const dup = await portal(["user:create", "--email", owner, "--password", "long enough password", "--name", "Again"]);
    expect(dup.code).toBe(1);
    expect(dup.err).toMatch(/already exists/);
    const weak = await portal(["user:create", "--email", `${uniq()}@example.test`, "--password", "short", "--name", "W"]);
    expect(weak.code).toBe(1);
    expect(weak.err).toMatch(/password: Use at least 8 characters/);
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
