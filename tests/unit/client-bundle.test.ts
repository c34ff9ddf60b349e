// What client components pull into the browser, checked over the source import graph (static
// imports only: `import type` and dynamic `import()` load nothing up front). Keeps the calls page's
// first-load JavaScript free of what it only needs after an action (docs/ARCHITECTURE.md, "Client
// bundle"); benchmark 3 measures the bytes.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..", "..");

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(ROOT, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return `package:${spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]}`;
  for (const ext of ["", ".ts", ".tsx", "/index.ts", "/index.tsx"]) {
    const file = base + ext;
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  return null;
}

/** Static value imports and re-exports of a module (type-only ones and dynamic import() left out). */
export function staticImports(file: string): string[] {
  const source = fs.readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const found: string[] = [];
  for (const m of source.matchAll(/^\s*(import|export)\s+(type\s+)?([^'"]*?)\s*from\s*["']([^"']+)["']/gm)) {
    if (m[2]) continue;
    // `import { type A, type B } from` loads nothing either.
    const names = m[3].replace(/^\{|\}$/g, "").split(",").map((s) => s.trim()).filter(Boolean);
    if (m[3].startsWith("{") && names.length > 0 && names.every((n) => n.startsWith("type "))) continue;
    found.push(m[4]);
  }
  for (const m of source.matchAll(/^\s*import\s+["']([^"']+)["']/gm)) found.push(m[1]);
  return found.map((spec) => resolveImport(file, spec)).filter((r): r is string => r !== null);
}

const isClient = (file: string) => /\.(ts|tsx)$/.test(file) && /^\s*["']use client["']/.test(fs.readFileSync(file, "utf8"));

/** Every module a client component loads statically, and how (for the failure message). */
function clientClosure(entries: string[]): Map<string, string> {
  const via = new Map<string, string>();
  // Follow server modules only to find the client components they render.
  const seenServer = new Set<string>();
  const clientEntries: string[] = [];
  const serverStack = [...entries];
  while (serverStack.length) {
    const file = serverStack.pop()!;
    if (seenServer.has(file) || file.startsWith("package:")) continue;
    seenServer.add(file);
    if (isClient(file)) {
      clientEntries.push(file);
      continue;
    }
    serverStack.push(...staticImports(file));
  }
  const stack: [string, string][] = clientEntries.map((e) => [e, "(client entry)"]);
  while (stack.length) {
    const [file, from] = stack.pop()!;
    if (via.has(file)) continue;
    via.set(file, from);
    if (file.startsWith("package:")) continue;
    for (const dep of staticImports(file)) stack.push([dep, file]);
  }
  return via;
}

function chain(via: Map<string, string>, target: string): string {
  const parts = [target];
  let at = via.get(target);
  while (at && !at.startsWith("(")) {
    parts.push(at);
    at = via.get(at);
  }
  return parts.reverse().map((p) => path.relative(ROOT, p)).join(" → ");
}

const CALLS_ROUTE = [
  "app/layout.tsx",
  "app/error.tsx",
  "app/not-found.tsx",
  "app/forbidden.tsx",
  "app/(portal)/teams/[teamSlug]/layout.tsx",
  "app/(portal)/teams/[teamSlug]/calls/(list)/page.tsx",
  "app/(portal)/teams/[teamSlug]/calls/error.tsx",
  "app/(portal)/teams/[teamSlug]/calls/not-found.tsx",
]
  .map((f) => path.join(ROOT, f))
  .filter((f) => fs.existsSync(f));

/** Loaded only after hydration or an action, never with a page. */
const DEFERRED_PACKAGES = ["zod", "libphonenumber-js", "sonner", "swr", "@radix-ui/react-dropdown-menu", "@radix-ui/react-dialog", "@radix-ui/react-alert-dialog", "@radix-ui/react-checkbox", "@radix-ui/react-avatar"];
const DEFERRED_MODULES = [
  "components/ui/dropdown-menu-impl.tsx",
  "components/ui/dialog-impl.tsx",
  "components/ui/sheet-impl.tsx",
  "components/ui/alert-dialog-impl.tsx",
  "components/ui/sonner-host.tsx",
  "components/calls/live-refresh.tsx",
  "components/export/export-runner.tsx",
  "components/views/view-name-dialog.tsx",
  "components/api/team-api.ts",
  "components/views/view-mutations.ts",
];

describe("the calls page's first-load JavaScript", () => {
  const via = clientClosure(CALLS_ROUTE);

  it("finds the page's client components (the graph walk works)", () => {
    const files = [...via.keys()].map((f) => path.relative(ROOT, f));
    expect(files).toContain("components/calls/calls-table.tsx");
    expect(files).toContain("components/views/views-toolbar.tsx");
    expect(files).toContain("components/ui/dropdown-menu.tsx");
    expect(files).toContain("package:radix-ui");
  });

  it.each(DEFERRED_PACKAGES)("does not load %s up front", (pkg) => {
    const key = `package:${pkg}`;
    expect(via.has(key) ? chain(via, key) : null).toBeNull();
  });

  it.each(DEFERRED_MODULES)("does not load %s up front", (file) => {
    const key = path.join(ROOT, file);
    expect(fs.existsSync(key)).toBe(true);
    expect(via.has(key) ? chain(via, key) : null).toBeNull();
  });

  it("reaches Radix only through the lazy families and the small primitives (Slot, Label)", () => {
    const radixUsers = [...via.entries()]
      .filter(([file]) => !file.startsWith("package:") && staticImports(file).includes("package:radix-ui"))
      .map(([file]) => path.relative(ROOT, file))
      .sort();
    for (const file of radixUsers) {
      const source = fs.readFileSync(path.join(ROOT, file), "utf8");
      const names = [...source.matchAll(/import\s*\{([^}]*)\}\s*from\s*["']radix-ui["']/g)].flatMap((m) => m[1].split(",").map((s) => s.trim().split(/\s+as\s+/)[0]));
      expect({ file, names: names.filter((n) => !["Slot", "Label"].includes(n)) }).toEqual({ file, names: [] });
    }
  });
});

/** Every module that can run in the browser: client components and all they import, statically or lazily. */
function browserModules(): Map<string, string> {
  const clientFiles = (dir: string): string[] =>
    fs.readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" }).map((f) => path.join(ROOT, dir, f)).filter((f) => isClient(f));
  const lazyImports = (file: string) =>
    [...fs.readFileSync(file, "utf8").matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => resolveImport(file, m[1])).filter((r): r is string => r !== null);
  const via = new Map<string, string>();
  const stack: [string, string][] = [...clientFiles("app"), ...clientFiles("components")].map((f) => [f, "(client entry)"]);
  while (stack.length) {
    const [file, from] = stack.pop()!;
    if (via.has(file)) continue;
    via.set(file, from);
    if (file.startsWith("package:")) continue;
    for (const dep of [...staticImports(file), ...lazyImports(file)]) stack.push([dep, file]);
  }
  return via;
}

describe("code that runs in the browser", () => {
  // zod 4 probes `new Function("")` when its first object schema is built: under the pages' CSP
  // (no 'unsafe-eval') that is a reported violation. Client code takes limits and names from zod-free
  // modules (e.g. lib/credentials/limits.ts) instead.
  it("never loads zod, not even lazily", () => {
    const via = browserModules();
    expect([...via.keys()].some((f) => f.endsWith("components/connection/credential-form.tsx"))).toBe(true);
    expect(via.has("package:zod") ? chain(via, "package:zod") : null).toBeNull();
  });
});

describe("staticImports", () => {
  it("skips type-only and dynamic imports", () => {
    const tmp = path.join(ROOT, "tests", "unit", ".client-bundle-fixture.ts");
    fs.writeFileSync(tmp, ['import type { A } from "zod";', 'import { type B } from "swr";', 'import { x } from "sonner";', 'export { y } from "@radix-ui/react-dialog";', 'const z = () => import("lucide-react");', 'import "./side-effect-free";'].join("\n"));
    try {
      expect(staticImports(tmp)).toEqual(["package:sonner", "package:@radix-ui/react-dialog"]);
    } finally {
      fs.rmSync(tmp);
    }
  });
});
