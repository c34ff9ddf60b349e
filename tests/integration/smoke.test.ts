import { describe, expect, it } from "vitest";
import { appUrl, Client, createTeam, createUser } from "./helpers";

describe("the running portal", () => {
  it("reports health without secrets", async () => {
    const res = await fetch(`${appUrl()}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const body = await res.json();
    expect(body.status).toBe("ok");
    expect(body.checks.database.status).toBe("ok");
    expect(body.checks.whattalk.status).toBe("ok");
    expect(JSON.stringify(body)).not.toMatch(/postgres(ql)?:\/\/|wt_demo|secret/i);
  });

  it("sends visitors without a session to sign-in and signs users in with e-mail and password", async () => {
    const user = await createUser();
    const team = await createTeam({ members: [{ userId: user.id, role: "OWNER" }] });
    const anonymous = new Client();
    const redirect = await anonymous.get(`/teams/${team.slug}/settings/members`);
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get("location")).toContain(`/signin?callbackUrl=${encodeURIComponent(`/teams/${team.slug}/settings/members`)}`);

    const client = await new Client().signIn(user.email);
    const home = await client.get("/");
    expect(home.status).toBe(307);
    expect(home.headers.get("location")).toContain(`/teams/${team.slug}/calls`);
  });

  it("answers a wrong password exactly like an unknown e-mail", async () => {
    const user = await createUser();
    const wrong = await new Client().signInRaw(user.email, "not the password");
    const unknown = await new Client().signInRaw(`nobody-${Date.now()}@example.test`, "not the password");
    expect(wrong.status).toBe(unknown.status);
    const [a, b] = [await wrong.json(), await unknown.json()];
    expect(a).toEqual(b);
  });
});
