// What the calls page's first-load JavaScript is made of, by source file or package, through the
// build's source maps. How to run it: docs/design-notes.md.
import fs from "node:fs";
import path from "node:path";
import { SourceMapConsumer } from "source-map-js";
import { firstLoadJs } from "./page";

const dist = process.argv[2] ?? ".next-sourcemaps";
const detail = process.argv[3];
const js = firstLoadJs(process.env.ROUTE || undefined, dist);
const agg = new Map<string, number>(); let total = 0;
for (const f of js.files) {
  const code = fs.readFileSync(path.join(dist, f.file), "utf8");
  const m1 = /sourceMappingURL=(\S+)/.exec(code)!;
  const raw = JSON.parse(fs.readFileSync(path.join(dist, path.dirname(f.file), m1[1]), "utf8"));
  const sections = raw.sections ?? [{ offset: { line: 0, column: 0 }, map: raw }];
  const lines = code.split("\n");
  for (const sec of sections) {
    const c = new SourceMapConsumer(sec.map);
    const maps: { line: number; col: number; src: string | null }[] = [];
    c.eachMapping((m) => maps.push({ line: m.generatedLine + sec.offset.line, col: m.generatedColumn + (m.generatedLine === 1 ? sec.offset.column : 0), src: m.source }));
    maps.sort((a, b) => a.line - b.line || a.col - b.col);
    for (let i = 0; i < maps.length; i++) {
      const a = maps[i], b = maps[i + 1];
      const len = b && b.line === a.line ? b.col - a.col : (lines[a.line - 1]?.length ?? 0) - a.col;
      if (len <= 0) continue;
      let key = (a.src ?? "?").replace(/^.*node_modules\//, "nm:").replace(/^turbopack:\/\/\/\[project\]\//, "");
      if (key.startsWith("nm:")) { const nm = key.slice(3).split("/"); const pkg = nm[0].startsWith("@") ? nm[0] + "/" + nm[1] : nm[0]; key = detail === pkg ? key.slice(3) : pkg; }
      agg.set(key, (agg.get(key) ?? 0) + len); total += len;
    }
  }
}
console.log("first-load JS, minified bytes mapped to sources:", (total / 1024).toFixed(1), "kB; gzip total", (js.gzip / 1024).toFixed(1));
for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 70)) console.log((v / 1024).toFixed(1), k);
