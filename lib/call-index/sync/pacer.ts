// Spaces the sync's upstream requests evenly: 60 s ÷ (INDEX_BUDGET_SHARE × team budget) apart.
import "server-only";
import { syncSharePerMinute } from "@/lib/whattalk";

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/** Milliseconds between two sync requests of a team. */
export function syncIntervalMs(): number {
  return 60_000 / syncSharePerMinute();
}

export class Pacer {
  private next = 0;
  constructor(
    private readonly intervalMs: number,
    private readonly wait: Sleep = sleep,
  ) {}

  /** Resolves when the next request may start (at once for the first one). */
  async slot(signal?: AbortSignal): Promise<void> {
    const now = Date.now();
    if (now < this.next) await this.wait(this.next - now, signal);
    this.next = Math.max(Date.now(), this.next) + this.intervalMs;
  }
}
