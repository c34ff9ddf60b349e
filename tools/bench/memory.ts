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
