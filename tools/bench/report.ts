// Writes a benchmark run as JSON and Markdown under bench-results/, and keeps the latest full run
// per database kind in docs/benchmarks.md (between markers; the rest of that page is prose).
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../stack";
import type { BenchOutcome } from "./context";

export type Report = {
  machine: { cpu: string; cores: number; ramGb: number; node: string; os: string; date: string };
  loadAverage: { before: number[]; after: number[] };
  database: "embedded" | "postgresql";
  options: Record<string, unknown>;
  outcomes: BenchOutcome[];
};

export function toMarkdown(r: Report, heading = "##"): string {
  const m = r.machine;
  const lines = [
    `${heading} Run of ${m.date.slice(0, 16).replace("T", " ")} UTC — database: ${r.database === "embedded" ? "embedded PostgreSQL (PGlite, the demo default)" : "PostgreSQL server"}`,
    "",
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGb} GB RAM, Node ${m.node}, ${m.os}. Load average before/after: ${r.loadAverage.before.join(" ")} / ${r.loadAverage.after.join(" ")}.`,
    `Options: ${Object.entries(r.options)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(", ")}. Simulator latency 50 ms.`,
    "",
    `${heading}# Targets`,
    "",
    "| benchmark | figure | value | target | met |",
    "|---|---|---|---|---|",
  ];
  for (const o of r.outcomes) {
    if (o.status !== "ok") lines.push(`| ${o.id} | ${o.status} | ${(o.reason ?? "").split("\n")[0]} | | |`);
    for (const t of o.targets) lines.push(`| ${o.id} | ${t.name} | ${t.value} | ${t.target} | ${t.met === null ? "–" : t.met ? "yes" : "**no**"} |`);
  }
  for (const o of r.outcomes) {
    lines.push("", `${heading}# ${o.id}. ${o.title}`, "");
    if (o.status !== "ok") lines.push(`**${o.status}**: ${(o.reason ?? "").split("\n")[0]}`, "");
    lines.push(...o.markdown);
  }
  return lines.join("\n") + "\n";
}

export function writeReports(r: Report, opts: { outDir: string; stamp: string; updateDocs: boolean }): string[] {
  fs.mkdirSync(opts.outDir, { recursive: true });
  const json = path.join(opts.outDir, `${opts.stamp}.json`);
  const md = path.join(opts.outDir, `${opts.stamp}.md`);
  fs.writeFileSync(json, JSON.stringify(r, null, 2));
  fs.writeFileSync(md, `# Benchmarks\n\n${toMarkdown(r)}`);
  const files = [json, md];
  if (opts.updateDocs) {
    const doc = path.join(ROOT, "docs", "benchmarks.md");
    const start = `<!-- bench:${r.database}:start -->`;
    const end = `<!-- bench:${r.database}:end -->`;
    let text = fs.existsSync(doc) ? fs.readFileSync(doc, "utf8") : "# Benchmarks\n";
    const block = `${start}\n${toMarkdown(r, "###")}${end}`;
    const i = text.indexOf(start);
    const j = text.indexOf(end);
    text = i >= 0 && j > i ? text.slice(0, i) + block + text.slice(j + end.length) : `${text.trimEnd()}\n\n${block}\n`;
    fs.writeFileSync(doc, text);
    files.push(doc);
  }
  return files;
}
