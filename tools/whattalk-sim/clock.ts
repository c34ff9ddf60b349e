// The simulator's clock: a time source (Date.now unless injected) plus an offset that tests move
// forward (`sim.advance(ms)`, `POST /__control/clock`), so time-driven behaviour needs no sleeping.

export class SimClock {
  private offset = 0;

  constructor(private readonly source: () => number = Date.now) {}

  /** The simulated instant (ms since the epoch). */
  now(): number {
    return this.source() + this.offset;
  }

  /** Moves the clock forward by `ms` (≥ 0); returns the new instant. */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError("advance takes a finite number of milliseconds ≥ 0");
    this.offset += ms;
    return this.now();
  }

  /** How far the clock was moved ahead of its source. */
  get offsetMs(): number {
    return this.offset;
  }

  /** Back to the source's time (a simulator reset). */
  reset(): void {
    this.offset = 0;
  }
}
