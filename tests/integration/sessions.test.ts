// Signing out ends the session for good, over HTTP against the production build: a copy of the
// cookie taken before signing out is refused everywhere (route handlers, pages, next-auth's own
// session endpoint), the user's other sessions go on, and expired revocations are purged.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Client, createUser } from "./helpers";

/** Signs a client out through next-auth (as the sign-out button does). */
async function signOut(client: Client) {
  const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await client.request("/api/auth/signout", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, json: "true", callbackUrl: "/signin" }).toString(),
  });
  expect(res.status).toBe(200);
  expect(client.isSignedIn()).toBe(false);
}

/** Another client holding a copy of this one's cookies (a stolen or left-behind cookie). */
function copyOf(client: Client) {
  const copy = new Client();
  copy.cookies = new Map(client.cookies);
  return copy;
}

async function session(client: Client) {
  return (await (await client.get("/api/auth/session")).json()) as { user?: { email?: string } };
}

describe("signing out", () => {
  it("ends that session for a copied cookie: 401 from route handlers, the sign-in redirect from pages, no session from next-auth", async () => {
    const user = await createUser();
    const here = await new Client().signIn(user.email);
    const elsewhere = await new Client().signIn(user.email);
    const copy = copyOf(here);
    expect((await copy.patch("/api/account", { name: "Before" })).status).toBe(200);
    expect((await session(copy)).user?.email).toBe(user.email);

    await signOut(here);

    expect((await copy.patch("/api/account", { name: "After" })).status).toBe(401);
    const page = await copy.get("/account");
    expect(page.status).toBe(307);
    expect(new URL(page.headers.get("location")!, "http://x").pathname).toBe("/signin");
    const refused = await copy.get("/api/auth/session");
    expect(await refused.json()).toEqual({});
    // next-auth clears the refused cookie instead of re-issuing it.
    expect(refused.headers.getSetCookie().some((c) => /next-auth\.session-token=;/.test(c))).toBe(true);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("Before");

    // The user's other session is untouched.
    expect((await elsewhere.patch("/api/account", { name: "Elsewhere" })).status).toBe(200);
    expect((await elsewhere.get("/account")).status).toBe(200);
    expect((await session(elsewhere)).user?.email).toBe(user.email);

    // And signing in again afterwards starts a new session.
    await here.signIn(user.email);
    expect((await here.get("/account")).status).toBe(200);
  });

  it("also ends a copy that kept itself alive through next-auth's session endpoint", async () => {
    const user = await createUser();
    const here = await new Client().signIn(user.email);
    const copy = copyOf(here);
    // Each call re-issues the cookie (a fresh expiry): the copy now holds a newer token of the same session.
    expect((await session(copy)).user?.email).toBe(user.email);
    expect(copy.cookies.get("next-auth.session-token")).not.toBe(here.cookies.get("next-auth.session-token"));
    await signOut(here);
    expect(await session(copy)).toEqual({});
    expect((await copy.patch("/api/account", { name: "x" })).status).toBe(401);
  });

  it("purges expired revocations when someone signs out", async () => {
    const user = await createUser();
    const expired = `expired-${crypto.randomUUID()}`;
    await db().revokedSession.create({ data: { id: expired, userId: user.id, expiresAt: new Date(Date.now() - 1000) } });
    const c = await new Client().signIn(user.email);
    await signOut(c);
    expect(await db().revokedSession.findUnique({ where: { id: expired } })).toBeNull();
    expect(await db().revokedSession.count({ where: { userId: user.id } })).toBe(1);
  });
});

describe("next-auth's session endpoint applies the session checks too", () => {
  it("answers no session after 'sign out everywhere'", async () => {
    const user = await createUser();
    const a = await new Client().signIn(user.email);
    const b = await new Client().signIn(user.email);
    expect((await a.post("/api/account/sign-out-everywhere")).status).toBe(200);
    expect(await session(b)).toEqual({});
  });
});
