// lib/safe-redirect.ts against the table of hostile and good callback URLs, for an http and an https
// portal, and next-auth's redirect callback (every redirect next-auth makes) with the same table.
import { describe, expect, it } from "vitest";
import { authOptionsFor } from "@/lib/auth/options";
import { parseEnv } from "@/lib/env";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { goodRedirects, hostileRedirects } from "@/tests/support/redirect-cases";

/** Where a browser lands when it follows `path` from a page of `origin`. */
const landing = (path: string, origin: string) => new URL(path, origin);

describe.each(["http://127.0.0.1:3302", "https://portal.example.com"])("safeCallbackPath on %s", (origin) => {
  const hostile = hostileRedirects(origin);
  const good = goodRedirects(origin);

  it("has a table of at least 20 hostile values", () => {
    expect(hostile.filter((c) => c.expected === null).length).toBeGreaterThanOrEqual(20);
  });

  it.each(hostile.map((c) => [c.name, c] as const))("hostile: %s", (_name, c) => {
    const out = safeCallbackPath(c.value, { origin, fallback: "/fallback" });
    expect(out).toBe(c.expected ?? "/fallback");
    // Whatever comes out is a path a browser resolves on the portal's origin, and not a "//" path.
    expect(landing(out, origin).origin).toBe(origin);
    expect(out).toMatch(/^\/(?![/\\])/);
  });

  it.each(good.map((c) => [c.name, c] as const))("good: %s", (_name, c) => {
    const out = safeCallbackPath(c.value, { origin });
    expect(out).toBe(c.expected);
    expect(landing(out, origin).origin).toBe(origin);
  });

  it("takes the first of repeated parameters, and the fallback for none", () => {
    expect(safeCallbackPath(["/account", "//evil.example"], { origin })).toBe("/account");
    expect(safeCallbackPath(["//evil.example", "/account"], { origin })).toBe("/");
    expect(safeCallbackPath(undefined, { origin })).toBe("/");
    expect(safeCallbackPath(null, { origin, fallback: "/x" })).toBe("/x");
  });
});

describe("safeCallbackPath without a known origin", () => {
  it("accepts paths but no absolute URL", () => {
    expect(safeCallbackPath("/teams/demo/calls?x=1")).toBe("/teams/demo/calls?x=1");
    expect(safeCallbackPath("http://127.0.0.1:3302/account")).toBe("/");
    expect(safeCallbackPath("/\t/evil.example")).toBe("/");
  });
});

describe("next-auth's redirect callback", () => {
  const baseUrl = "http://127.0.0.1:3302";
  const redirect = authOptionsFor(parseEnv({ NEXTAUTH_URL: baseUrl })).callbacks?.redirect;

  it.each(hostileRedirects(baseUrl).map((c) => [c.name, c] as const))("hostile: %s", async (_name, c) => {
    expect(redirect).toBeTypeOf("function");
    const out = await redirect!({ url: c.value, baseUrl });
    expect(out).toBe(`${baseUrl}${c.expected ?? "/"}`);
  });

  it.each(goodRedirects(baseUrl).map((c) => [c.name, c] as const))("good: %s", async (_name, c) => {
    expect(redirect).toBeTypeOf("function");
    expect(await redirect!({ url: c.value, baseUrl })).toBe(`${baseUrl}${c.expected}`);
  });
});
