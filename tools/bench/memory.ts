// Resident memory of a process (the app), sampled from /proc (Linux) or `ps` elsewhere.
import { execFileSync } from "node:child_process";
import fs from "node:fs";

export function rssBytes(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    if (m) return Number(m[1]) * 1024;
  } catch {
    /* not Linux */
  }
  return Number(execFileSync("ps", ["-o", "rss=", "-p", String(pid)], { encoding: "utf8" }).trim()) * 1024;
}

/** Samples RSS every `everyMs` until stopped; returns the peak and the samples. */
export function sampleRss(pid: number, everyMs = 25) {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(rssBytes(pid)), everyMs);
  samples.push(rssBytes(pid));
  return {
    stop() {
      clearInterval(timer);
      samples.push(rssBytes(pid));
      return { peak: Math.max(...samples), last: samples[samples.length - 1], samples: samples.length };
    },
  };
}

export type HeapReport = { afterGc: boolean; memory: { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number }; responseCache: { entries: number; bytes: number; maxBytes: number } | null };

/**
 * Asks the app for its memory (SIGUSR2: a full GC when node runs with --expose-gc, then one JSON
 * log line, see instrumentation.ts) and reads the answer from its log file.
 */
export async function appHeap(pid: number, logFile: string): Promise<HeapReport | null> {
  const before = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
  process.kill(pid, "SIGUSR2");
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const text = fs.readFileSync(logFile).subarray(before).toString("utf8");
    const line = text.split("\n").find((l) => l.includes('"msg":"memory usage"'));
    if (line) return JSON.parse(line) as HeapReport;
  }
  return null;
}
