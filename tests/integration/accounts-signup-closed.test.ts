// Sign-up turned off (SIGNUP_ENABLED=false): a second app server on the same build and database,
// started for this file only.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ROOT, startStack, type Stack } from "@/tools/stack";
import { Client, DEFAULT_PASSWORD, stack, teamWithRoles, uniq } from "./helpers";

let closed: Stack;

beforeAll(async () => {
  closed = await startStack({
    mode: "start",
    port: 0,
    databaseUrl: stack().databaseUrl,
    simulator: false,
    env: { ...stack().env, SIGNUP_ENABLED: "false" },
    appLog: { file: path.join(ROOT, "test-results", "integration-signup-closed.log") },
  });
}, 180_000);

afterAll(async () => {
  await closed?.stop();
});

describe("with sign-up off", () => {
  it("refuses self-service sign-up with 403 and a clear message", async () => {
    const c = new Client(closed.appUrl);
    const email = `${uniq("closed")}@example.test`;
    const res = await c.post("/api/signup", { email, password: DEFAULT_PASSWORD, name: "Nope" });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe("Sign-up is closed: ask a team admin for an invitation.");
    expect(await db().user.count({ where: { email } })).toBe(0);

    const page = await (await c.get("/signup")).text();
    expect(page).toContain("Sign-up is closed");
    expect(page).not.toContain("Create account</button>");
    expect(await (await c.get("/signin")).text()).not.toContain("Create an account");
  });

  it("still lets an invited person create an account for the invited address", async () => {
    const { team, clients } = await teamWithRoles();
    const email = `${uniq("invited")}@example.test`;
    const created = (await (await clients.ADMIN.post(`/api/teams/${team.id}/invitations`, { email, role: "AGENT" })).json()) as { path: string };
    const token = created.path.split("/").pop()!;
    const c = new Client(closed.appUrl);

    const invitePage = await (await c.get(created.path)).text();
    expect(invitePage).toContain(`/signup?invite=${token}`);
    const signupPage = await (await c.get(`/signup?invite=${token}`)).text();
    expect(signupPage).toContain("Create account");
    expect(signupPage).toContain(email);

    const other = await c.post("/api/signup", { email: `${uniq()}@example.test`, password: DEFAULT_PASSWORD, name: "Other", inviteToken: token });
    expect(other.status).toBe(403);
    const ok = await c.post("/api/signup", { email, password: DEFAULT_PASSWORD, name: "Invited", inviteToken: token });
    expect(ok.status).toBe(202);
    await c.signIn(email);
    expect((await c.post("/api/invitations/accept", { token })).status).toBe(200);
    expect((await c.get(`/teams/${team.slug}/calls`)).status).not.toBe(404);
  });
});
