import { describe, expect, it } from "vitest";
import { clientIp } from "@/lib/auth/throttle";
import { assertSameOrigin } from "@/lib/http/route";

const req = (method: string, headers: Record<string, string>) => new Request("http://portal.test/api/x", { method, headers });

describe("same-origin guard (every method of every route() handler)", () => {
  it("lets same-origin, same-site, direct and header-less (non-browser) requests through", () => {
    expect(() => assertSameOrigin(req("POST", { host: "portal.test", origin: "http://portal.test" }))).not.toThrow();
    expect(() => assertSameOrigin(req("DELETE", { host: "portal.test" }))).not.toThrow();
    expect(() => assertSameOrigin(req("PATCH", { host: "internal:3000", "x-forwarded-host": "portal.test", origin: "https://portal.test" }))).not.toThrow();
    for (const site of ["same-origin", "same-site", "none"]) expect(() => assertSameOrigin(req("GET", { host: "portal.test", "sec-fetch-site": site }))).not.toThrow();
    expect(() => assertSameOrigin(req("GET", { host: "portal.test", origin: "http://portal.test" }))).not.toThrow();
  });

  it("refuses cross-site writes", () => {
    expect(() => assertSameOrigin(req("POST", { host: "portal.test", origin: "https://evil.test" }))).toThrow(/Cross-site/);
    expect(() => assertSameOrigin(req("PUT", { host: "portal.test", "sec-fetch-site": "cross-site" }))).toThrow(/Cross-site/);
    expect(() => assertSameOrigin(req("POST", { host: "portal.test", origin: "garbage" }))).toThrow(/Cross-site/);
  });

  it("refuses cross-site reads too (a top-level GET carries the Lax cookie; some GETs spend budget or audit)", () => {
    expect(() => assertSameOrigin(req("GET", { host: "portal.test", "sec-fetch-site": "cross-site" }))).toThrow(/Cross-site requests are not allowed/);
    expect(() => assertSameOrigin(req("GET", { host: "portal.test", origin: "https://evil.test" }))).toThrow(/Cross-site/);
    expect(() => assertSameOrigin(req("HEAD", { host: "portal.test", "sec-fetch-site": "cross-site" }))).toThrow(/Cross-site/);
  });
});

describe("client address for per-IP limits", () => {
  it("uses the right-most X-Forwarded-For entry (the one our side appended)", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.7" }))).toBe("198.51.100.7");
    expect(clientIp({ "x-forwarded-for": ["1.1.1.1", "2.2.2.2"] })).toBe("2.2.2.2");
    expect(clientIp(new Headers())).toBe("unknown");
  });
});
