// Spaces the sync's upstream requests evenly: 60 s ÷ (INDEX_BUDGET_SHARE × team budget) apart.
import "server-only";
import { syncSharePerMinute } from "@/lib/whattalk";

import { sleep, type Sleep } from "@/lib/sleep";

export { sleep, type Sleep };

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
