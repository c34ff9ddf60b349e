// Every team page declares its scope once, in lib/http/page-scopes.ts, and checks it with
// `teamPage(PAGE_SCOPES[route])` (in the page or a module it imports, like the call page's loader);
// tests/integration/entry-points.ts reads the same registry, so a new page without an entry fails here.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PAGE_SCOPES } from "@/lib/http/page-scopes";

const ROOT = path.resolve(__dirname, "..", "..");
const APP = path.join(ROOT, "app");

function pages(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? pages(full) : e.name === "page.tsx" ? [full] : [];
  });
}

/** The URL route of a file under app/: route groups `(name)` dropped, dynamic segments kept. */
const routeOf = (file: string) =>
  `/${path
    .relative(APP, path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .join("/")}`;

/** The page's source and that of the `@/lib/...` modules it imports (where a shared loader may do the check). */
function sourcesOf(file: string): string[] {
  const source = fs.readFileSync(file, "utf8");
  const imported = [...source.matchAll(/from\s+["']@\/(lib\/[^"']+)["']/g)]
    .map((m) => [".ts", ".tsx"].map((ext) => path.join(ROOT, m[1] + ext)).find((f) => fs.existsSync(f)))
    .filter((f): f is string => f !== undefined);
  return [source, ...imported.map((f) => fs.readFileSync(f, "utf8"))];
}

const teamPages = pages(APP).filter((f) => routeOf(f).startsWith("/teams/[teamSlug]"));

describe("team pages declare their scope in lib/http/page-scopes.ts", () => {
  it("finds the team pages", () => {
    expect(teamPages.map(routeOf)).toContain("/teams/[teamSlug]/calls");
  });

  it.each(teamPages.map((f) => [routeOf(f), f]))("%s has an entry and checks it with teamPage(PAGE_SCOPES[...])", (route, file) => {
    expect(Object.keys(PAGE_SCOPES), `add "${route}" to PAGE_SCOPES`).toContain(route);
    const check = `teamPage(PAGE_SCOPES[${JSON.stringify(route)}])`;
    expect(sourcesOf(file).some((s) => s.includes(check)), `${path.relative(ROOT, file)} (or a module it imports) must call ${check}`).toBe(true);
    // Its own source checks no other scope.
    const calls = [...fs.readFileSync(file, "utf8").matchAll(/teamPage\(([^)]*\))?/g)].map((m) => m[0]);
    for (const call of calls) expect(call, path.relative(ROOT, file)).toBe(check);
  });

  it("has no entry without its page", () => {
    expect(Object.keys(PAGE_SCOPES).sort()).toEqual(teamPages.map(routeOf).sort());
  });
});
