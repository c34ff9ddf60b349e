// Callback URLs (as the page receives them, i.e. after query decoding) and where each must lead:
// shared by the unit test of lib/safe-redirect.ts, the HTTP tests of every redirecting path and the
// browser journeys. `origin` is the portal's (NEXTAUTH_URL); `null` means "the fallback".

export type RedirectCase = { name: string; value: string; expected: string | null };

export function hostileRedirects(origin: string): RedirectCase[] {
  const u = new URL(origin);
  const otherPort = `${u.protocol}//${u.hostname}:${Number(u.port || (u.protocol === "https:" ? 443 : 80)) + 1}`;
  const otherScheme = `${u.protocol === "https:" ? "http:" : "https:"}//${u.host}`;
  const cases: [string, string, string | null][] = [
    ["scheme-relative", "//evil.example", null],
    ["three slashes", "///evil.example", null],
    ["four slashes", "////evil.example/x", null],
    ["slash backslash", "/\\evil.example", null],
    ["backslash slash", "\\/evil.example", null],
    ["two backslashes", "\\\\evil.example", null],
    ["TAB inside (the %09 of the issue, decoded)", "/\t/evil.example", null],
    ["TAB twice", "/\t\t/evil.example", null],
    ["LF inside", "/\n/evil.example", null],
    ["CR LF inside", "/\r\n/evil.example", null],
    ["leading TAB", "\t//evil.example", null],
    ["leading NUL", "\u0000//evil.example", null],
    ["leading unit separator", "\u001f//evil.example", null],
    ["leading space", " //evil.example", null],
    ["leading spaces and backslashes", "  \\\\evil.example", null],
    ["ideographic space", "\u3000//evil.example", null],
    ["vertical tab inside", "/\u000b/evil.example", null],
    ["dot segment", "/.//evil.example", null],
    ["dot-dot segment", "/..//evil.example", null],
    ["encoded dot segment", "/%2e%2e//evil.example", null],
    ["encoded slashes", "/%2F%2Fevil.example", null],
    ["encoded slashes, lower case", "/%2f%2fevil.example", null],
    ["encoded backslash", "/%5Cevil.example", null],
    ["encoded slashes without a leading slash", "%2F%2Fevil.example", null],
    ["encoded slashes then a malformed escape", "/%2F%2Fevil.example/%", null],
    ["full-width slashes", "\uff0f\uff0fevil.example", null],
    ["slash then full-width slash", "/\uff0fevil.example", null],
    ["full-width backslash", "/\uff3cevil.example", null],
    ["full-width host", "//\uff45\uff56\uff49\uff4c.example", null],
    ["absolute http", "http://evil.example/", null],
    ["absolute https", "https://evil.example", null],
    ["other scheme, no slashes", `${u.protocol === "https:" ? "http:" : "https:"}evil.example`, null],
    ["other scheme, one slash", `${u.protocol === "https:" ? "http:" : "https:"}/evil.example`, null],
    ["other scheme, backslashes", `${u.protocol === "https:" ? "http:" : "https:"}\\\\evil.example`, null],
    ["javascript:", "javascript:alert(document.domain)", null],
    ["javascript: in mixed case", "JaVaScRiPt:alert(1)", null],
    ["javascript: split by a TAB", "java\tscript:alert(1)", null],
    ["data:", "data:text/html,<script>alert(1)</script>", null],
    ["blob:", `blob:${origin}/x`, null],
    ["same host, other port", `${otherPort}/teams`, null],
    ["same host, other scheme", `${otherScheme}/teams`, null],
    ["user-info: our origin as the user name", `${origin}@evil.example/`, null],
    ["user-info: our host as the user name, scheme-relative", `//${u.host}@evil.example`, null],
    ["user-info: encoded @", `${origin}%40evil.example`, null],
    ["user-info after a backslash", `/\\${u.host}@evil.example`, null],
    // Harmless by construction: these stay on the portal, as the normalised path.
    ["user-info: evil as the user name of our own origin", `//evil.example@${u.host}/account`, "/account"],
    ["same-scheme without slashes (a path by the URL standard)", `${u.protocol}evil.example`, "/evil.example"],
    ["too long", `/${"a".repeat(9000)}`, null],
    ["empty", "", null],
  ];
  return cases.map(([name, value, expected]) => ({ name, value, expected }));
}

/** Values that must pass, with the path they lead to. */
export function goodRedirects(origin: string): RedirectCase[] {
  const cases: [string, string, string][] = [
    ["root", "/", "/"],
    ["a page", "/account", "/account"],
    ["a team page with a query and a fragment", "/teams/demo/calls?status=completed&from=2026-01-01#top", "/teams/demo/calls?status=completed&from=2026-01-01#top"],
    ["an invitation", "/invite/abc_DEF-123", "/invite/abc_DEF-123"],
    ["an encoded slash in the query", "/teams/demo/calls?q=%2F%2Fevil.example", "/teams/demo/calls?q=%2F%2Fevil.example"],
    ["a double slash later in the path", "/teams/demo//calls", "/teams/demo//calls"],
    ["absolute URL of the portal", `${origin}/account?tab=1`, "/account?tab=1"],
    ["a TAB inside a segment (removed)", "/acc\tount", "/account"],
    ["a space (encoded)", "/a b", "/a%20b"],
    ["a non-ASCII letter (encoded)", "/ü", "/%C3%BC"],
    ["a dot segment", "/teams/../account", "/account"],
  ];
  return cases.map(([name, value, expected]) => ({ name, value, expected }));
}
