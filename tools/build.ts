// The production build, rebuilt only when its inputs changed: a fingerprint of the sources is kept
// next to the build (.next/portal-build-stamp). Used by the launcher (`npm run demo`) and the
// benchmarks (`npm run bench`).
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const BUILD_INPUTS = ["app", "components", "lib", "prisma/schema.prisma", "next.config.mjs", "postcss.config.mjs", "package-lock.json", "tsconfig.json", "tsconfig.base.json", "proxy.ts", "instrumentation.ts"];

/** sha256 over the paths and contents of everything `next build` reads from the project. */
export function buildFingerprint(root = ROOT): string {
  const hash = crypto.createHash("sha256");
  const walk = (p: string) => {
    const full = path.join(root, p);
    if (!fs.existsSync(full)) return;
    const stat = fs.statSync(full);
    if (stat.isDirectory()) {
      if (p === "lib/generated") return;
      for (const name of fs.readdirSync(full).sort()) walk(path.join(p, name));
    } else {
      hash.update(p);
      hash.update(fs.readFileSync(full));
    }
  };
  BUILD_INPUTS.forEach(walk);
  return hash.digest("hex");
}

/** True when .next holds a complete build of the current sources. */
export function buildIsFresh(root = ROOT): boolean {
  const stampFile = path.join(root, process.env.NEXT_DIST_DIR || ".next", "portal-build-stamp");
  return fs.existsSync(path.join(root, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID")) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === buildFingerprint(root);
}

/** Runs `next build` unless the build is fresh; records the fingerprint of what was built. */
export async function ensureBuild(log: (s: string) => void, root = ROOT): Promise<void> {
  const stamp = buildFingerprint(root);
  const stampFile = path.join(root, process.env.NEXT_DIST_DIR || ".next", "portal-build-stamp");
  if (fs.existsSync(path.join(root, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID")) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp) {
    log("Production build is up to date.");
    return;
  }
  log("Building the portal (next build); this takes a minute or two the first time…");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build failed (exit code ${code})`))));
  });
  fs.writeFileSync(stampFile, stamp);
}
