// Sealed boundaries over the source import graph (ESLint's import/no-restricted-paths says the same
// per file; docs/ARCHITECTURE.md, "Layers"): lib folders import each other without a cycle, a folder
// with an index.ts is entered only through it, and the shared helpers live in one home.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..", "..");
const LIB = path.join(ROOT, "lib");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" || e.name === "node_modules" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(ROOT, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const ext of ["", ".ts", ".tsx", "/index.ts", "/index.tsx"]) {
    const file = base + ext;
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  return null;
}

/** Every import, re-export and dynamic import() of a module, type-only ones included, resolved to files. */
export function importsOf(file: string): string[] {
  const source = fs.readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const specs = [
    ...[...source.matchAll(/^\s*(?:import|export)\s[^'"]*?\sfrom\s*["']([^"']+)["']/gm)].map((m) => m[1]),
    ...[...source.matchAll(/^\s*import\s+["']([^"']+)["']/gm)].map((m) => m[1]),
    ...[...source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]),
  ];
  return specs.map((spec) => resolveImport(file, spec)).filter((r): r is string => r !== null);
}

/** lib/calls/dto.ts → "calls"; lib/db.ts → "db.ts" (a top-level module is its own node). */
const libFolderOf = (file: string) => path.relative(LIB, file).split(path.sep)[0];

/** The folder-level import graph of lib/: an edge a → b when a file of a imports a file of b. */
export function libFolderGraph(files: string[] = sourceFiles(LIB)): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of files) {
    const from = libFolderOf(file);
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    for (const target of importsOf(file)) {
      if (!target.startsWith(LIB + path.sep)) continue;
      const to = libFolderOf(target);
      if (to !== from && !edges.has(to)) edges.set(to, `${path.relative(ROOT, file)} → ${path.relative(ROOT, target)}`);
    }
  }
  return graph;
}

/** The first cycle found, as the imports that make it (empty when the graph is acyclic). */
export function findCycle(graph: Map<string, Map<string, string>>): string[] {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): string[] => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (state.get(next) === "open") {
        const loop = [...stack.slice(stack.indexOf(next)), next];
        return loop.slice(1).map((to, i) => graph.get(loop[i])!.get(to)!);
      }
      if (!state.has(next)) {
        const found = visit(next);
        if (found.length) return found;
      }
    }
    stack.pop();
    state.set(node, "done");
    return [];
  };
  for (const node of [...graph.keys()].sort()) {
    if (state.has(node)) continue;
    const found = visit(node);
    if (found.length) return found;
  }
  return [];
}

describe("lib folder boundaries", () => {
  it("finds the folders' imports (the graph walk works)", () => {
    const graph = libFolderGraph();
    expect(graph.get("calls")?.has("whattalk")).toBe(true);
    expect(graph.get("calls")?.has("db.ts") || graph.get("calls")?.has("auth")).toBe(true);
  });

  it("detects a cycle between folders", () => {
    const graph = new Map([
      ["a", new Map([["b", "lib/a/x.ts → lib/b/y.ts"]])],
      ["b", new Map([["c", "lib/b/y.ts → lib/c/z.ts"]])],
      ["c", new Map([["a", "lib/c/z.ts → lib/a/x.ts"]])],
    ]);
    expect(findCycle(graph)).toEqual(["lib/a/x.ts → lib/b/y.ts", "lib/b/y.ts → lib/c/z.ts", "lib/c/z.ts → lib/a/x.ts"]);
    expect(findCycle(new Map([["a", new Map([["b", "x"]])], ["b", new Map()]]))).toEqual([]);
  });

  it("has no import cycle between lib folders", () => {
    expect(findCycle(libFolderGraph())).toEqual([]);
  });

  it("enters a folder with an index.ts only through it", () => {
    const sealed = ["lib", "components"]
      .flatMap((d) => sourceFiles(path.join(ROOT, d)))
      .filter((f) => /\/index\.tsx?$/.test(f))
      .map((f) => path.dirname(f));
    expect(sealed).toContain(path.join(LIB, "whattalk"));
    // The zod-free enums are whattalk's part for client components (docs/ARCHITECTURE.md, "Client bundle").
    const allowed = new Set([path.join(LIB, "whattalk", "enums.ts")]);
    const files = ["app", "components", "lib", "tools"].flatMap((d) => sourceFiles(path.join(ROOT, d))).concat(["proxy.ts", "instrumentation.ts"].map((f) => path.join(ROOT, f)));
    const deep: string[] = [];
    for (const file of files) {
      for (const target of importsOf(file)) {
        const folder = sealed.find((dir) => target.startsWith(dir + path.sep));
        if (folder && !file.startsWith(folder + path.sep) && !/\/index\.tsx?$/.test(target) && !allowed.has(target)) deep.push(`${path.relative(ROOT, file)} → ${path.relative(ROOT, target)}`);
      }
    }
    expect(deep).toEqual([]);
  });

  it("never imports components/ or app/ from lib/", () => {
    const wrong = sourceFiles(LIB).flatMap((file) => importsOf(file).filter((t) => /^(app|components)\//.test(path.relative(ROOT, t))).map((t) => `${path.relative(ROOT, file)} → ${path.relative(ROOT, t)}`));
    expect(wrong).toEqual([]);
  });

  it("defines each shared helper in its one home", () => {
    const homes: Record<string, string> = { isUniqueViolation: "lib/db.ts", endMembership: "lib/members/end-membership.ts", CallListResult: "lib/calls/types.ts" };
    for (const [name, home] of Object.entries(homes)) {
      const defining = sourceFiles(LIB).filter((f) => new RegExp(`^export\\s+(async\\s+)?(function|type|const|interface)\\s+${name}\\b`, "m").test(fs.readFileSync(f, "utf8")));
      expect(defining.map((f) => path.relative(ROOT, f)), name).toEqual([home]);
    }
  });
});
