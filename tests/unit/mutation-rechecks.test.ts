// A mutation re-checks its actor inside its transaction through one helper: `lockAndCheck(tx, actor,
// scope)` (lib/auth/team-actor.ts: lockTeam, then actorRole), never its own read of the actor's membership.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..", "..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

/** Status marks the portal makes on its own (the actor only names the team; no member decides). */
const NOT_A_MEMBER_DECISION = new Set(["lib/credentials/mark.ts"]);

const files = sourceFiles(path.join(ROOT, "lib")).map((f) => ({ file: path.relative(ROOT, f), source: fs.readFileSync(f, "utf8") }));

describe("in-transaction re-checks", () => {
  it("every mutation of a TeamActor that opens a transaction locks the team and re-reads the role with lockAndCheck", () => {
    const mutations = files.filter((f) => f.file !== "lib/auth/team-actor.ts" && /\bTeamActor\b/.test(f.source) && /\$transaction\(/.test(f.source) && !NOT_A_MEMBER_DECISION.has(f.file));
    expect(mutations.length).toBeGreaterThan(10);
    const missing = mutations.filter(({ source }) => !source.includes("lockAndCheck(tx, "));
    expect(missing.map((f) => f.file)).toEqual([]);
    // ...and not by hand: lockTeam and actorRole are called only inside lockAndCheck.
    const byHand = files.filter(({ file, source }) => file !== "lib/auth/team-actor.ts" && /\b(lockTeam|actorRole)\(tx, /.test(source) && !source.includes("lockAndCheck(tx, "));
    expect(byHand.map((f) => f.file).filter((f) => f !== "lib/invitations/accept-invitation.ts")).toEqual([]);
  });

  it("no service reads the actor's own membership itself", () => {
    const adHoc = files.filter(({ file, source }) => file !== "lib/auth/team-actor.ts" && /membership\.(findFirst|findUnique|findUniqueOrThrow|findMany|count)\(\{[^;]*\bactor\.(userId|membershipId)\b/.test(source));
    expect(adHoc.map((f) => f.file)).toEqual([]);
  });
});
