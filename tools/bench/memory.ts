// Resident memory and CPU time of a process (the app), from /proc (Linux) or `ps` elsewhere.
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

export type HeapReport = { afterGc: boolean; memory: { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number }; responseCache: { entries: number; bytes: number; maxBytes: number } | null; planCache?: { entries: number; chars: number; maxChars: number } | null };

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

/** CPU time (user + system, all threads) the process has used so far, in ms; NaN where unknown. */
export function cpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks: USER_HZ is 100 on Linux
  } catch {
    return NaN;
  }
}

/**
 * CPU the app spends per request: `n` requests one after another (after 20 to warm up), the
 * process's CPU time divided by n. Less sensitive to other load on the machine than latencies.
 */
export async function cpuPerRequest(pid: number, url: (i: number) => string, headers: Record<string, string>, n = 200): Promise<{ cpuMs: number; wallMs: number }> {
  const get = async (i: number) => {
    const res = await fetch(url(i), { headers });
    await res.arrayBuffer();
    if (res.status >= 500) throw new Error(`HTTP ${res.status} from ${url(i)}`);
  };
  for (let i = 0; i < 20; i++) await get(i);
  const c0 = cpuMs(pid);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await get(i);
  return { cpuMs: (cpuMs(pid) - c0) / n, wallMs: (performance.now() - t0) / n };
}
