// `next build` must leave the work tree clean for every NEXT_DIST_DIR. Runs Next's own set-up steps
// (the ones `next build` runs before compiling) on a copy of our tsconfig and checks they change nothing.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type { NextConfig } from "next";
import { afterAll, describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const ROOT = path.resolve(__dirname, "../..");
const { writeConfigurationDefaults } = require("next/dist/lib/typescript/writeConfigurationDefaults") as {
  writeConfigurationDefaults: (tsVersion: string, tsConfigPath: string, firstTime: boolean, hasAppDir: boolean, distDir: string, hasPagesDir: boolean, strictRouteTypes: boolean) => Promise<void>;
};
const { writeAppTypeDeclarations } = require("next/dist/lib/typescript/writeAppTypeDeclarations") as {
  writeAppTypeDeclarations: (o: { baseDir: string; distDir: string; imageImportsEnabled: boolean; hasPagesDir: boolean; hasAppDir: boolean; strictRouteTypes: boolean; typedRoutes: boolean }) => Promise<void>;
};
const nextConfig = (await import(path.join(ROOT, "next.config.mjs"))).default as NextConfig;
const tsVersion = (require("typescript") as { version: string }).version;
const strictRouteTypes = Boolean(nextConfig.experimental?.strictRouteTypes);
const DIST_DIRS = [".next", ".next-check", ".next-e2e", "build/portal"];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tsconfig-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Our tsconfig.json and the files it extends, copied into a fresh folder. */
function copyTsconfig(dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const files = ["tsconfig.json", ...fs.readdirSync(ROOT).filter((f) => /^tsconfig\..+\.json$/.test(f))];
  for (const f of files) fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
  return files;
}

describe("next build and the work tree", () => {
  it.each(DIST_DIRS)("leaves tsconfig.json as committed with distDir %s", async (distDir) => {
    const dir = path.join(tmp, distDir.replace(/\W/g, "_"));
    const files = copyTsconfig(dir);
    const before = files.map((f) => fs.readFileSync(path.join(dir, f), "utf8"));
    await writeConfigurationDefaults(tsVersion, path.join(dir, "tsconfig.json"), false, true, distDir, false, strictRouteTypes);
    expect(files.map((f) => fs.readFileSync(path.join(dir, f), "utf8"))).toEqual(before);
  });

  it("keeps next-env.d.ts out of git: Next writes the dist dir into it on every build", async () => {
    const dir = path.join(tmp, "env");
    fs.mkdirSync(dir);
    const contents = [];
    for (const distDir of [".next", ".next-check"]) {
      await writeAppTypeDeclarations({ baseDir: dir, distDir, imageImportsEnabled: true, hasPagesDir: false, hasAppDir: true, strictRouteTypes, typedRoutes: Boolean(nextConfig.typedRoutes) });
      contents.push(fs.readFileSync(path.join(dir, "next-env.d.ts"), "utf8"));
    }
    expect(contents[1]).not.toEqual(contents[0]);
    expect(contents[1]).toContain(".next-check/types/routes.d.ts");
    expect(execFileSync("git", ["ls-files", "next-env.d.ts"], { cwd: ROOT, encoding: "utf8" })).toBe("");
    expect(execFileSync("git", ["check-ignore", "next-env.d.ts"], { cwd: ROOT, encoding: "utf8" }).trim()).toBe("next-env.d.ts");
  });
});
