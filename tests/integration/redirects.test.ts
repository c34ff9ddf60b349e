// No open redirect, over HTTP against the production build: every place the server redirects to a
// callback URL (the sign-in and sign-up pages for a signed-in user, the sign-up page of an
// invitation, next-auth's sign-in and sign-out answers) with the table of hostile and good values.
// The client-side redirects (sign-in and sign-up forms) are in e2e/accounts/redirects.spec.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { createInvitation } from "@/lib/invitations/create-invitation";
import { operatorActor } from "@/lib/auth/team-actor";
import { goodRedirects, hostileRedirects, type RedirectCase } from "@/tests/support/redirect-cases";
import { appUrl, Client, createTeam, createUser, DEFAULT_PASSWORD } from "./helpers";

const cases = () => [...hostileRedirects(appUrl()), ...goodRedirects(appUrl())];
const target = (c: RedirectCase) => c.expected ?? "/";
const q = (value: string) => encodeURIComponent(value);

/** The first hop of a server redirect: on the portal's origin, to exactly the expected path. */
function expectLocation(res: Response, c: RedirectCase) {
  expect(res.status, c.name).toBe(307);
  const to = new URL(res.headers.get("location") ?? "", appUrl());
  expect(to.origin, c.name).toBe(appUrl());
  expect(to.pathname + to.search + to.hash, c.name).toBe(target(c));
}

let signedIn: Client;
let inviteToken: string;
beforeAll(async () => {
  const user = await createUser();
  signedIn = await new Client().signIn(user.email);
  const team = await createTeam({ members: [{ userId: (await createUser()).id, role: "OWNER" }] });
  ({ token: inviteToken } = await createInvitation({ actor: operatorActor(team.id, "redirect test"), email: user.email, role: "AGENT" }));
});

describe("pages that redirect a signed-in user to the callback URL", () => {
  it("the sign-in page", async () => {
    for (const c of cases()) expectLocation(await signedIn.get(`/signin?callbackUrl=${q(c.value)}`), c);
  });

  it("the sign-up page", async () => {
    for (const c of cases()) expectLocation(await signedIn.get(`/signup?callbackUrl=${q(c.value)}`), c);
  });

  it("the sign-up page of an invitation", async () => {
    for (const c of cases()) expectLocation(await signedIn.get(`/signup?invite=${q(inviteToken)}&callbackUrl=${q(c.value)}`), c);
  });
});

describe("next-auth's redirect callback", () => {
  async function csrf(client: Client) {
    return ((await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
  }
  const form = (fields: Record<string, string>) => ({
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });

  it("the URL a credentials sign-in answers with", async () => {
    const user = await createUser();
    for (const c of cases()) {
      const client = new Client();
      const res = await client.request("/api/auth/callback/credentials", form({ csrfToken: await csrf(client), email: user.email, password: DEFAULT_PASSWORD, json: "true", callbackUrl: c.value }));
      expect(res.status, c.name).toBe(200);
      expect(((await res.json()) as { url: string }).url, c.name).toBe(`${appUrl()}${target(c)}`);
    }
  });

  it("the URL a sign-out answers with", async () => {
    for (const c of cases()) {
      const client = new Client();
      const res = await client.request("/api/auth/signout", form({ csrfToken: await csrf(client), json: "true", callbackUrl: c.value }));
      expect(((await res.json()) as { url: string }).url, c.name).toBe(`${appUrl()}${target(c)}`);
    }
  });

  it("next-auth's own sign-in route, which sends the browser to the sign-in page with the callback URL", async () => {
    // An empty callbackUrl is no callbackUrl for next-auth: it uses its own default, the portal's origin.
    for (const c of cases().filter((x) => x.value !== "")) {
      const res = await new Client().get(`/api/auth/signin?callbackUrl=${q(c.value)}`);
      expect(res.status, c.name).toBe(302);
      const to = new URL(res.headers.get("location") ?? "", appUrl());
      expect(to.origin + to.pathname, c.name).toBe(`${appUrl()}/signin`);
      // next-auth itself refuses a query callbackUrl that is neither an http(s) URL nor starts with "/"
      // (its configuration check): then it sends the browser to the sign-in page with an error instead.
      const refusedByNextAuth = to.searchParams.get("error") === "Configuration" && !to.searchParams.has("callbackUrl");
      if (!refusedByNextAuth) expect(to.searchParams.get("callbackUrl"), `${c.name}: ${res.headers.get("location")}`).toBe(`${appUrl()}${target(c)}`);
    }
  });
});
