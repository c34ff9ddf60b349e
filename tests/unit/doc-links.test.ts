// Every relative Markdown link in README.md and docs/*.md points to a file that exists and, with a
// `#fragment`, to a heading of that file (GitHub's anchor rules).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..", "..");
const DOCS = [
  "README.md",
  ...fs
    .readdirSync(path.join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

/** The text outside fenced code blocks and inline code, where a link is a link. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, "")
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .replace(/\s/g, "-");
}

function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of prose(fs.readFileSync(file, "utf8")).split("\n")) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

function links(file: string): string[] {
  const text = prose(fs.readFileSync(path.join(ROOT, file), "utf8"));
  return [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);
}

describe("documentation links", () => {
  it("finds the documents and their links", () => {
    expect(DOCS).toEqual(expect.arrayContaining(["README.md", "docs/ARCHITECTURE.md"]));
    expect(links("README.md").length).toBeGreaterThan(3);
  });

  it("computes GitHub's anchors", () => {
    expect(slug("Who sees which calls")).toBe("who-sees-which-calls");
    expect(slug("Mutations are JSON route handlers, not server actions")).toBe(
      "mutations-are-json-route-handlers-not-server-actions",
    );
    expect(slug("`lib/` and `app/`")).toBe("lib-and-app");
  });

  for (const doc of DOCS) {
    it(`${doc}: every relative link resolves`, () => {
      const broken: string[] = [];
      for (const link of links(doc)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // https:, mailto: …
        const [target, fragment] = link.split("#", 2);
        const file = target ? path.resolve(ROOT, path.dirname(doc), decodeURI(target)) : path.join(ROOT, doc);
        if (!file.startsWith(ROOT) || !fs.existsSync(file)) {
          broken.push(`${link} (no such file)`);
          continue;
        }
        if (fragment && !(fs.statSync(file).isFile() && file.endsWith(".md") && anchors(file).has(fragment))) {
          broken.push(`${link} (no such heading)`);
        }
      }
      expect(broken).toEqual([]);
    });
  }
});
