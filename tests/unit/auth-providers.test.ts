// Optional OAuth providers: next-auth is configured with GitHub and Google exactly when both variables
// of their pair are set (half a pair is refused at start-up), and only verified addresses count.
import { describe, expect, it } from "vitest";
import { githubVerifiedEmail, verifiedOAuthEmail } from "@/lib/auth/oauth";
import { authOptionsFor, oauthProviders } from "@/lib/auth/options";
import { parseEnv } from "@/lib/env";

const VARS = ["GITHUB_ID", "GITHUB_SECRET", "GOOGLE_ID", "GOOGLE_SECRET"] as const;

/** Every combination of the four variables set or unset (16). */
const combinations = Array.from({ length: 16 }, (_, bits) => Object.fromEntries(VARS.map((name, i) => [name, bits & (1 << i) ? `value-of-${name.toLowerCase()}` : undefined])));

describe("OAuth providers", () => {
  it.each(combinations.map((c) => [VARS.filter((v) => c[v]).join(" + ") || "none", c] as const))("%s", (_label, source) => {
    const half = (id: string, secret: string) => !!source[id] !== !!source[secret];
    if (half("GITHUB_ID", "GITHUB_SECRET") || half("GOOGLE_ID", "GOOGLE_SECRET")) {
      expect(() => parseEnv(source)).toThrow(/is required when (GITHUB|GOOGLE)_(ID|SECRET) is set/);
      return;
    }
    const options = authOptionsFor(parseEnv(source));
    const expected = [...(source.GITHUB_ID ? [{ id: "github", name: "GitHub" }] : []), ...(source.GOOGLE_ID ? [{ id: "google", name: "Google" }] : [])];
    expect(options.providers.map((p) => p.id)).toEqual(["credentials", ...expected.map((p) => p.id)]);
    expect(oauthProviders(options)).toEqual(expected);
  });

  it("hands each provider its own id and secret", () => {
    const options = authOptionsFor(parseEnv({ GITHUB_ID: "gh-id", GITHUB_SECRET: "gh-secret", GOOGLE_ID: "g-id", GOOGLE_SECRET: "g-secret" }));
    const byId = Object.fromEntries(options.providers.map((p) => [p.id, (p as { options?: { clientId?: string; clientSecret?: string } }).options]));
    expect(byId.github).toMatchObject({ clientId: "gh-id", clientSecret: "gh-secret" });
    expect(byId.google).toMatchObject({ clientId: "g-id", clientSecret: "g-secret" });
  });
});

describe("verified e-mail addresses only", () => {
  it("GitHub: the primary address, only when GitHub has verified it", () => {
    expect(
      githubVerifiedEmail([
        { email: "other@example.test", primary: false, verified: true },
        { email: "Me@Example.test", primary: true, verified: true },
      ]),
    ).toBe("Me@Example.test");
    expect(githubVerifiedEmail([{ email: "me@example.test", primary: true, verified: false }, { email: "other@example.test", primary: false, verified: true }])).toBeNull();
    expect(githubVerifiedEmail([])).toBeNull();
    expect(githubVerifiedEmail({ message: "Bad credentials" })).toBeNull();
    expect(githubVerifiedEmail([{ email: "me@example.test", primary: "yes", verified: "yes" }])).toBeNull();
  });

  it("Google and GitHub profiles count only with email_verified: true", () => {
    for (const provider of ["google", "github"]) {
      expect(verifiedOAuthEmail(provider, { email: "me@example.test", email_verified: true })).toBe("me@example.test");
      expect(verifiedOAuthEmail(provider, { email: "me@example.test", email_verified: false })).toBeNull();
      expect(verifiedOAuthEmail(provider, { email: "me@example.test" })).toBeNull();
      expect(verifiedOAuthEmail(provider, { email: null, email_verified: true })).toBeNull();
      expect(verifiedOAuthEmail(provider, { email: "me@example.test", email_verified: "true" })).toBeNull();
    }
    expect(verifiedOAuthEmail("somewhere-else", { email: "me@example.test", email_verified: true })).toBeNull();
    expect(verifiedOAuthEmail("google", undefined)).toBeNull();
  });
});
