// Small statistics helpers for the benchmarks.

export type Summary = { n: number; p50: number; p95: number; p99: number; mean: number; min: number; max: number };

/** Nearest-rank percentile of sorted values (p in 0..100). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summarise(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = n ? sorted.reduce((a, b) => a + b, 0) / n : NaN;
  return { n, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), mean, min: sorted[0] ?? NaN, max: sorted[n - 1] ?? NaN };
}

/** Rounds to `digits` decimals (for reports). */
export const round = (v: number, digits = 1) => (Number.isFinite(v) ? Math.round(v * 10 ** digits) / 10 ** digits : v);

export const ms = (v: number) => (Number.isFinite(v) ? `${round(v, v < 10 ? 2 : 1)} ms` : "–");

export const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? `${round(a / b, 2)}×` : "–");

export const mb = (bytes: number) => `${round(bytes / 1024 / 1024, 1)} MB`;
